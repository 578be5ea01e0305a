// Building the elements' DOM: nodes with attributes and children, the chevron of month buttons.
// Text goes in as text nodes, never as markup (the owner's strings are never parsed as HTML).

/** An element with attributes (null/false skipped) and text or element children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null && v !== false) el.setAttribute(k, v === true ? '' : String(v));
  el.append(...children.filter((c) => c != null));
  return el;
}

/** A chevron (points to the next month; mirrored by CSS in right-to-left layouts). */
export function chevron(back) {
  return icon(back ? 'M10 3 5 8l5 5' : 'm6 3 5 5-5 5');
}

/** A chevron pointing down (more below). */
export const chevronDown = () => icon('m3 6 5 5 5-5');

function icon(d) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}
