// The elements' events: `bookable:<type>` CustomEvents that bubble out of the shadow root, and,
// in a frame whose element names a `target-origin`, the same posted to the parent page.

/** Dispatches `bookable:<type>` on `el`; framed with `target-origin`, posts it to the parent too. */
export function emit(el, type, detail) {
  el.dispatchEvent(new CustomEvent(`bookable:${type}`, { bubbles: true, composed: true, detail }));
  // never broadcast: only to the origin the integrator named (target-origin="*" is explicit)
  const origin = el.getAttribute('target-origin');
  if (origin && window.parent && window.parent !== window) window.parent.postMessage({ type: `bookable:${type}`, detail }, origin);
}
