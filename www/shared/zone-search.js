// The time zone search of <bookable-picker>: by city, country, zone name ("Pacific Time"), tzdb
// name, old name ("Calcutta") or UTC offset. No hand-kept list: places come from the zone index
// generated from the tz release's zone.tab and iso3166.tab (scripts/zone-index.mjs), zones and
// old names from the engine's timeZones(), names in the visitor's language from Intl (names
// only), offsets and local times from the engine (the caller's `offsetOf`).
import INDEX from '../pkg/zone-index.js';

/** Lower case, accents off, punctuation to spaces: "Los_Angeles" and "los angeles" meet. */
const norm = (s) => String(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const cityOf = (id) => id.slice(id.lastIndexOf('/') + 1).replace(/_/g, ' ');
// A display name that is really an offset ("GMT+03:00", "UTC−3") is Intl's zone data: not used.
const OFFSETISH = /(GMT|UTC|[+\-−]\d)/;

/** `utc+5:30`, `GMT-8`, `+05:30`, `UTC` → minutes east of UTC; anything else → null. */
export function parseOffset(query) {
  const q = query.trim().replace(/\s+/g, '');
  if (/^(utc|gmt)$/i.test(q)) return 0;
  const m = /^(?:utc|gmt)?([+\-−])(\d{1,2})(?:[:.h]?(\d{2}))?$/i.exec(q);
  if (!m) return null;
  const minutes = +m[2] * 60 + +(m[3] || 0);
  return minutes > 14 * 60 ? null : m[1] === '+' ? minutes : -minutes;
}

export class ZoneCatalog {
  #names;
  #links;
  #byId = new Map(); // lower-case id → entry
  #lower = new Map(); // lower-case engine name → its name
  #intl = new Map(); // `${locale}|${id}` → { country, generic, long }
  #keys = new Map(); // locale → [{ entry, text, exact }]

  /** `{ names, links }` as the engine's timeZones() gives them. */
  constructor({ names, links }) {
    this.#names = new Set(names);
    this.#links = links;
    for (const n of [...names, ...Object.keys(links)]) this.#lower.set(n.toLowerCase(), n);
    const entries = [];
    for (const line of INDEX.split('\n')) {
      const [cc, country, ...zones] = line.split('|');
      for (const id of zones) {
        if (!this.#names.has(id) && !Object.hasOwn(links, id)) continue; // not in this engine
        entries.push({ id, cc, country, city: cityOf(id), aliases: [] });
      }
    }
    // Places the index does not list (none in 2026f) still come from the engine.
    for (const n of names) {
      if (n.includes('/') && !n.startsWith('Etc/') && !entries.some((e) => e.id === n)) {
        entries.push({ id: n, cc: '', country: '', city: cityOf(n), aliases: [] });
      }
    }
    entries.push({ id: 'UTC', cc: '', country: '', city: 'UTC', aliases: ['GMT'] });
    for (const e of entries) this.#byId.set(e.id.toLowerCase(), e);
    // Old and other names find the zone they resolve to (Asia/Calcutta → Kolkata).
    for (const [alias, zone] of Object.entries(links)) {
      if (this.#byId.has(alias.toLowerCase())) continue;
      const target = this.#byId.get((zone === 'Etc/UTC' ? 'UTC' : zone).toLowerCase());
      if (target) target.aliases.push(alias);
    }
    this.entries = entries;
  }

  /**
   * The name to use for a zone a browser reports or a visitor types, or null if the engine
   * does not know it. A place of the index keeps its own name (Europe/Amsterdam stays
   * Amsterdam); an old name resolves to its zone (Asia/Calcutta → Asia/Kolkata, US/Eastern →
   * America/New_York); Etc/UTC and its links are `UTC`. Case is forgiven.
   */
  resolve(name) {
    if (typeof name !== 'string' || !name.trim()) return null;
    const key = name.trim().toLowerCase();
    const entry = this.#byId.get(key);
    if (entry) return entry.id;
    const found = this.#lower.get(key);
    if (!found) return null;
    const zone = this.#names.has(found) ? found : this.#links[found];
    return zone === 'Etc/UTC' ? 'UTC' : zone;
  }

  /**
   * The zone to show a visitor: `named` (an attribute), else the browser's, else `fallback` (the
   * page's), else UTC; `known` is false when the one named or the browser's is not in the engine.
   */
  visitorZone(named, fallback) {
    const zone = this.resolve(named || Intl.DateTimeFormat().resolvedOptions().timeZone);
    return { zone: zone || this.resolve(fallback) || 'UTC', known: !!zone };
  }

  /** The entry of a resolved name (one outside the index gets a bare entry). */
  entry(id) {
    return this.#byId.get(id.toLowerCase()) || { id, cc: '', country: '', city: id, aliases: [] };
  }

  /** `{ country, generic, long }` in a locale: Intl's names, never its offsets. */
  names(id, locale) {
    const k = `${locale}|${id}`;
    let n = this.#intl.get(k);
    if (n) return n;
    const e = this.entry(id);
    n = { country: '', generic: '', long: [] };
    try {
      if (e.cc) n.country = new Intl.DisplayNames(locale, { type: 'region' }).of(e.cc) || e.country;
    } catch {
      n.country = e.country;
    }
    const zone = id === 'UTC' ? 'UTC' : id;
    const name = (style, at) => {
      try {
        const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style }).formatToParts(at).find((p) => p.type === 'timeZoneName');
        return part && !OFFSETISH.test(part.value) ? part.value : '';
      } catch {
        return '';
      }
    };
    const now = Date.now();
    const year = new Date(now).getUTCFullYear();
    // standard and summer names ("India Standard Time", "Pacific Daylight Time"), for search
    n.long = [name('long', Date.UTC(year, 0, 15)), name('long', Date.UTC(year, 6, 15))];
    n.generic = name('longGeneric', now) || n.long[0];
    this.#intl.set(k, n);
    return n;
  }

  /** "Los Angeles, United States" in a locale (the city as tzdb writes it). */
  place(id, locale) {
    const e = this.entry(id);
    const country = this.names(id, locale).country;
    return country && norm(country) !== norm(e.city) ? `${e.city}, ${country}` : e.city;
  }

  /** Builds the search names of a locale now (else the first search does). */
  prepare(locale) {
    this.#index(locale);
  }

  #index(locale) {
    let keys = this.#keys.get(locale);
    if (keys) return keys;
    const langs = [locale, 'en'].filter((l, i, a) => a.indexOf(l) === i);
    keys = this.entries.map((e) => {
      const intl = langs.map((l) => this.names(e.id, l));
      const exactNames = [...intl.flatMap((n) => [n.country, n.generic, ...n.long]), e.country].filter(Boolean).map(norm);
      const text = [e.id, e.city, ...e.aliases, e.cc, ...exactNames].map(norm).join(' ');
      const countries = [e.country, ...intl.map((n) => n.country)].filter(Boolean).map(norm);
      return { entry: e, text: ` ${text} `, city: norm(e.city), ids: [e.id, ...e.aliases].map(norm), countries, exact: new Set(exactNames) };
    });
    this.#keys.set(locale, keys);
    return keys;
  }

  /**
   * Entries matching `query`, best first: an exact city or tzdb name, an exact country, an exact
   * zone name, a city starting with it, words starting names, any part of a name (every word of
   * the query must match); a named country favours its zones ("India Standard Time"). An offset
   * ("UTC+5:30") matches by `offsetOf(id)` (minutes east of UTC). Ties: west to east, by city.
   */
  search(query, { locale, offsetOf }) {
    const keys = this.#index(locale);
    const q = norm(query);
    const offset = parseOffset(query);
    const words = q.split(' ').filter(Boolean);
    const scored = [];
    for (const k of keys) {
      let score = 0;
      if (!q) score = 1;
      else if (k.city === q || k.ids.includes(q)) score = 100;
      else if (k.countries.includes(q)) score = 95;
      else if (k.exact.has(q)) score = 90;
      else if (k.city.startsWith(q)) score = 80;
      else if (words.every((w) => k.text.includes(` ${w}`))) score = 50;
      else if (words.every((w) => k.text.includes(w))) score = 30;
      if (offset !== null && offsetOf(k.entry.id) === offset) score = Math.max(score, 60);
      if (score > 1 && k.countries.some((c) => ` ${q} `.includes(` ${c} `))) score += 5;
      if (score) scored.push({ entry: k.entry, score, offset: offsetOf(k.entry.id) });
    }
    return scored
      .sort((a, b) => b.score - a.score || a.offset - b.offset || a.entry.city.localeCompare(b.entry.city))
      .map((s) => s.entry);
  }
}
