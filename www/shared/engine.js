// What every element of a page shares: the engine (the WebAssembly module, instantiated once), the
// zone catalog built from it, and each element's stylesheet (fetched once, adopted by every
// shadow root). The engine's module and the zone index are imported when first asked for, not
// with the element: a page first shows what its server sent (picker/preview.js), and on a slow
// link the element's own bytes come first.
import { ZoneCatalog } from './zone-search.js';

let engineLoad = null;
let lib = null;
let zoneIndex = '';

/** Loads the engine once; resolves to its module (the package's `bookable.js`) when it can be called. */
export const engine = () =>
  (engineLoad ??= (async () => {
    const [m, index] = await Promise.all([import('../pkg/bookable.js'), import('../pkg/zone-index.js')]);
    await m.default();
    zoneIndex = index.default;
    lib = m;
    return m;
  })().catch((e) => {
    engineLoad = null; // "Try again" tries again (the wasm; a failed import() is kept by some browsers)
    throw e;
  }));

/** Whether the engine has loaded (then calls may be made at once). */
export const engineReady = () => lib !== null;

/** The engine's module once `engine()` has resolved (`Scheduler`, `localDateTime`, …), else null. */
export const bookable = () => lib;

let catalog = null;
/** The zone catalog of the engine's zones (the engine must be loaded). */
export const zoneCatalog = () => (catalog ??= new ZoneCatalog(lib.timeZones(), zoneIndex));

const sheets = new Map(); // url → Promise<CSSStyleSheet>

/**
 * A stylesheet fetched once per page as a constructable sheet; rejects (then link it instead)
 * without constructable sheets, on a refused fetch, or when a dev server answers with a JS module.
 */
export function styleSheet(url) {
  let load = sheets.get(url);
  if (!load) {
    load = fetch(url)
      .then((r) => (r.ok && /css/.test(r.headers.get('content-type')) ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((css) => {
        const s = new CSSStyleSheet();
        s.replaceSync(css);
        return s;
      });
    sheets.set(url, load);
  }
  return load;
}

/** Gives a shadow root the stylesheet at `url`: adopted when it can be, else linked. */
export function adoptStyles(root, url) {
  styleSheet(url).then(
    (s) => {
      root.adoptedStyleSheets = [s, ...root.adoptedStyleSheets];
    },
    () => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = url;
      root.prepend(link);
    },
  );
}

/** Adds a constructed stylesheet to a shadow root (once). */
export function adoptSheet(root, sheet) {
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
