// embed.html?config=URL[&locale=][&timezone=][&theme=][&origin=https://your.site]: the iframe
// variant (www/README.md). With `origin`, the element posts its events there and this page its
// height ({ type: 'bookable:resize', detail: { height } }); without it nothing is posted.
const params = new URLSearchParams(location.search);
const main = document.getElementById('main');
const config = params.get('config') || 'demo/single.json';
const url = new URL(config, location.href);
if (url.origin !== location.origin) {
  const p = document.createElement('p');
  p.textContent = 'This booking page can only load a configuration from its own site.';
  main.append(p);
} else {
  const picker = document.createElement('bookable-picker');
  picker.setAttribute('heading-level', '1'); // the frame is a page of its own
  for (const [param, attr] of [['locale', 'locale'], ['timezone', 'timezone'], ['theme', 'theme'], ['origin', 'target-origin']]) {
    const v = params.get(param);
    if (v) picker.setAttribute(attr, v);
  }
  if (params.get('locale')) document.documentElement.lang = params.get('locale');
  if (params.get('theme')) document.documentElement.dataset.theme = params.get('theme');
  picker.setAttribute('src', url.pathname + url.search);
  main.append(picker);
}

const origin = params.get('origin');
if (origin && window.parent !== window) {
  let last = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'bookable:resize', detail: { height } }, origin);
  }).observe(document.documentElement);
}
