// Custom element properties set on an element before its class was defined (a framework or a
// script that ran first): they are own properties shadowing the class's accessors, so each is
// taken off and set again through the accessor ("upgrading" a property).

/** Sets each of `names` again through `el`'s accessors; a setter's error goes to `onError`. */
export function upgradeProperties(el, names, onError) {
  for (const p of names) {
    if (!Object.hasOwn(el, p)) continue;
    const v = el[p];
    delete el[p];
    try {
      el[p] = v;
    } catch (e) {
      onError(e);
    }
  }
}
