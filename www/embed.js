// embed.html?config=URL[&locale=fr-FR][&timezone=Asia/Kolkata][&origin=https://your.site]
// The iframe variant: one <bookable-picker> filling the frame. `config` must be a same-origin
// URL (relative to this page); `origin` is the parent's origin to postMessage the choice to.
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
  for (const [param, attr] of [['locale', 'locale'], ['timezone', 'timezone'], ['origin', 'target-origin']]) {
    const v = params.get(param);
    if (v) picker.setAttribute(attr, v);
  }
  if (params.get('locale')) document.documentElement.lang = params.get('locale');
  picker.setAttribute('src', url.pathname + url.search);
  main.append(picker);
}
