// The Node entry of `bookable`: the WebAssembly module is compiled synchronously when this file
// is imported, so nothing needs initialising. `init()` and `initSync()` exist (and do nothing)
// so that code shared with browsers, which must `await init()` first, runs unchanged in Node.
export * from './bookable_node.js';

/** Resolves at once: in Node the module is ready as soon as it is imported. */
export default async function init() {}

/** Does nothing: in Node the module is ready as soon as it is imported. */
export function initSync() {}
