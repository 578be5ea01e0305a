#!/usr/bin/env node
// bookable's reference booking server: what a small team can run as it is, and what an
// integrator reads as the contract between a public booking page and the engine.
//
//   node server/server.mjs [--host 127.0.0.1] [--port 8080] [--db FILE] [--config FILE]
//
// - The team's private configuration (hours, busy times, calendars, bookings) stays here. A page
//   gets its public request (SPEC §11: the same slots, nothing private) at /demo/<page>.json or
//   /api/pages/<page>.json: `{ title, description, names, action, request }`.
// - POST /bookings/<page> `{ start, hosts?, attendee: { name, email, notes? } }` validates what
//   the visitor sent, re-checks the start with the same engine (checkSlot, SPEC §7) against the
//   bookings recorded so far, and records it for its hosts in SQLite, check and write in one
//   transaction: 201 with the booking, 409 when the time was just taken (with the reasons),
//   400 with the field for bad input. A recorded booking is a `bookings` item of its hosts from
//   then on (buffers, limits and `balanced` all see it), so the page's next load no longer offers
//   the time.
// - GET /bookings.ics?member=ID publishes a host's bookings as an iCalendar feed.
// - Everything else is the booking page (www/ and the package, as www/serve.mjs serves them).
//
// Without --config it serves the built-in demo team (www/demo-data.js), placed around today.
// Data: --db FILE (default server/data/bookings.sqlite), one SQLite file in WAL mode; back it up
// with `sqlite3 FILE ".backup copy.sqlite"` while running, or copy it while the server is stopped.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Store } from './store.mjs';
import { createDemoServer } from '../www/serve.mjs';
import { demoConfigs } from '../www/demo-data.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..');
const DAY = 86_400_000;
const MAX_BODY = 16 * 1024;

const iso = (ms) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');

/** A client error: HTTP status and the SPEC §9 error shape. */
class Refusal extends Error {
  constructor(status, code, path, message, extra = {}) {
    super(message);
    this.status = status;
    this.body = { error: { code, path, message }, ...extra };
  }
}

const invalid = (path, message) => new Refusal(400, 'invalid_value', path, message);

/** `{ start, hosts, attendee }` from a POST body, every field checked; throws a Refusal. */
export function readBooking(text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Refusal(400, 'invalid_json', '', 'the body is not JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalid('', 'expected an object { start, hosts, attendee }');
  for (const key of Object.keys(body)) {
    if (!['start', 'hosts', 'attendee'].includes(key)) throw new Refusal(400, 'unknown_field', key, `unknown field \`${key.slice(0, 40)}\``);
  }
  const { start, hosts, attendee } = body;
  if (typeof start !== 'string' || start.length > 40) throw new Refusal(400, typeof start === 'string' ? 'invalid_instant' : 'missing_field', 'start', 'expected the slot start as an RFC 3339 instant');
  if (hosts !== undefined && (!Array.isArray(hosts) || hosts.length > 500 || hosts.some((h) => typeof h !== 'string' || h.length > 200))) {
    throw invalid('hosts', 'expected the list of host ids the page showed');
  }
  if (attendee === undefined) throw new Refusal(400, 'missing_field', 'attendee', 'who books: { name, email, notes? }');
  if (attendee === null || typeof attendee !== 'object' || Array.isArray(attendee)) throw invalid('attendee', 'expected { name, email, notes? }');
  for (const key of Object.keys(attendee)) {
    if (!['name', 'email', 'notes'].includes(key)) throw new Refusal(400, 'unknown_field', `attendee.${key.slice(0, 40)}`, 'unknown field');
  }
  const text1 = (value, path, { required, max }) => {
    if (value === undefined || value === null || value === '') {
      if (required) throw new Refusal(400, 'missing_field', path, 'this field is required');
      return '';
    }
    if (typeof value !== 'string') throw invalid(path, 'expected text');
    const trimmed = value.trim();
    if (required && !trimmed) throw new Refusal(400, 'missing_field', path, 'this field is required');
    if ([...trimmed].length > max) throw invalid(path, `at most ${max} characters`);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(trimmed)) throw invalid(path, 'control characters are not allowed');
    if (/[\ud800-\udfff]/.test(trimmed.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) throw invalid(path, 'not valid Unicode text');
    return trimmed;
  };
  const name = text1(attendee.name, 'attendee.name', { required: true, max: 200 });
  if (/[\r\n]/.test(name)) throw invalid('attendee.name', 'one line, please');
  const email = text1(attendee.email, 'attendee.email', { required: true, max: 254 });
  if (!/^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(\.[^\s@<>()[\]\\,;:".]+)+$/.test(email)) throw invalid('attendee.email', 'not an email address');
  const notes = text1(attendee.notes, 'attendee.notes', { required: false, max: 2000 });
  return { start, hosts, attendee: { name, email, notes } };
}

/** RFC 5545 §3.3.11 TEXT escaping, lines folded at 75 octets (§3.1). */
function icsText(s) {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}
function fold(line) {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts = [];
  let at = 0;
  while (at < bytes.length) {
    let end = Math.min(at + (parts.length ? 74 : 75), bytes.length);
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--; // not inside a character
    parts.push(bytes.subarray(at, end).toString('utf8'));
    at = end;
  }
  return parts.join('\r\n ');
}
const icsTime = (ms) => iso(ms).replace(/[-:]/g, '');

/** A host's bookings as an iCalendar feed (RFC 5545). */
export function icsFeed(member, bookings) {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bookable//reference server//EN', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${icsText(`Bookings of ${member}`)}`];
  for (const b of bookings) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${icsText(b.uid)}`,
      `DTSTAMP:${icsTime(b.created)}`,
      `DTSTART:${icsTime(b.start)}`,
      `DTEND:${icsTime(b.end)}`,
      `SUMMARY:${icsText(`${b.title} with ${b.name}`)}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

/**
 * The booking server. `pages(now)` gives the private page configurations
 * `{ name: { title, description?, names?, request } }` (a slots request without range),
 * `bookable` the engine's npm package, `store` the bookings. Returns an http.Server.
 */
export function createBookingServer({ pages, bookable, store, clock = () => Date.now(), pkg }) {
  const statics = createDemoServer({ pkg }).listeners('request')[0];

  /** The page's private request at `now`: its configuration plus every recorded booking. */
  function privateRequest(config, now) {
    const request = structuredClone(config.request);
    const last = store.lastBookedAt();
    for (const m of request.members) {
      const recorded = store.bookingsOf(m.id).map((b) => ({ start: iso(b.start), end: iso(b.end) }));
      m.bookings = [...(m.bookings ?? []), ...recorded];
      const at = last.get(m.id);
      if (at !== undefined && (m.lastBookedAt === undefined || Date.parse(m.lastBookedAt) < at)) m.lastBookedAt = iso(at);
    }
    request.now = iso(now);
    return request;
  }

  /** The horizon a public request serves: from yesterday to past the page's last bookable day. */
  function horizon(config, now) {
    const ahead = config.request.event?.maxDaysAhead ?? 90;
    const start = Math.floor(now / 60_000) * 60_000 - DAY;
    return { start: iso(start), end: iso(start + (ahead + 3) * DAY) };
  }

  function publicConfig(name, config, now) {
    const request = bookable.publicRequest({ ...privateRequest(config, now), range: horizon(config, now) });
    delete request.now; // the page asks with its own clock
    return { title: config.title, description: config.description, names: config.names, action: `/bookings/${name}`, request };
  }

  function book(name, config, text) {
    const { start, attendee } = readBooking(text);
    const now = clock();
    let result;
    try {
      // The check and the write in one transaction: nobody books in between.
      result = store.book({ page: name, title: config.title ?? name, attendee, now }, () => {
        const check = bookable.checkSlot(privateRequest(config, now), start);
        if (!check.offered) return { check };
        const from = Date.parse(check.start);
        return { check, hosts: check.hosts, start: from, end: from + config.request.event.duration * 60_000 };
      });
    } catch (e) {
      // The engine refused the start itself (not an instant, out of 1900..2200).
      if (e.code) throw new Refusal(400, e.code, e.path || 'start', e.message);
      throw e;
    }
    if (!result.hosts) {
      throw new Refusal(409, 'slot_taken', 'start', 'this time is no longer offered; choose another', {
        reasons: result.check.reasons,
        members: result.check.members,
      });
    }
    return {
      booking: {
        uid: result.uid,
        start: iso(result.start),
        end: iso(result.end),
        hosts: result.hosts,
        names: result.hosts.map((h) => config.names?.[h] ?? h),
        title: config.title ?? name,
      },
    };
  }

  const json = (res, status, body, extra = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...extra,
    });
    res.end(text);
  };

  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      const all = pages(clock());
      const pageOf = (re) => {
        const m = re.exec(url.pathname);
        if (!m) return null;
        const config = all[m[1]];
        if (!config) throw new Refusal(404, 'not_found', '', 'no such page');
        return [m[1], config];
      };
      const get = req.method === 'GET' || req.method === 'HEAD';
      const publicPage = pageOf(/^\/(?:demo|api\/pages)\/([\w-]{1,64})\.json$/);
      if (publicPage && get) return json(res, 200, publicConfig(publicPage[0], publicPage[1], clock()));
      const bookingPage = pageOf(/^\/bookings\/([\w-]{1,64})$/);
      if (bookingPage) {
        if (req.method !== 'POST') return json(res, 405, { error: { code: 'method_not_allowed', path: '', message: 'POST a booking' } }, { Allow: 'POST' });
        if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new Refusal(415, 'invalid_json', '', 'send application/json');
        const chunks = [];
        let size = 0;
        for await (const chunk of req) {
          size += chunk.length;
          if (size > MAX_BODY) throw new Refusal(413, 'limit_exceeded', '', `at most ${MAX_BODY} bytes`);
          chunks.push(chunk);
        }
        const { booking } = book(bookingPage[0], bookingPage[1], Buffer.concat(chunks).toString('utf8'));
        return json(res, 201, { booking }, { Location: `/bookings.ics?member=${encodeURIComponent(booking.hosts[0])}` });
      }
      if (url.pathname === '/bookings.ics' && get) {
        const member = url.searchParams.get('member') ?? '';
        const known = Object.values(all).some((c) => c.request.members.some((m) => m.id === member));
        if (!known) throw new Refusal(404, 'not_found', 'member', 'no such member');
        const body = icsFeed(member, store.bookingsOf(member));
        res.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache' });
        return res.end(req.method === 'HEAD' ? undefined : body);
      }
      return statics(req, res);
    } catch (e) {
      if (e instanceof Refusal) return json(res, e.status, e.body);
      return json(res, 500, { error: { code: 'server_error', path: '', message: 'the server could not answer' } });
    }
  });
}

function parseArgs(argv) {
  const opts = { host: '127.0.0.1', port: process.env.PORT ? Number(process.env.PORT) : 8080, db: process.env.BOOKABLE_DB ?? join(HERE, 'data', 'bookings.sqlite'), config: null };
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i];
    if (argv[i] === '--host') opts.host = value();
    else if (argv[i] === '--port') opts.port = Number(value());
    else if (argv[i] === '--db') opts.db = resolve(value());
    else if (argv[i] === '--config') opts.config = resolve(value());
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // The calendars entry: a team's private requests may name calendar feeds (SPEC §10).
  const bookable = await import(pathToFileURL(join(REPO, 'pkg', 'calendars-node.js')).href);
  const fixed = opts.config ? JSON.parse(readFileSync(opts.config, 'utf8')).pages : null;
  const pages = fixed ? () => fixed : (now) => demoConfigs(now);
  const store = new Store(opts.db);
  const server = createBookingServer({ pages, bookable, store });
  const listen = (port) =>
    new Promise((ok, fail) => {
      server.once('error', fail);
      server.listen(port, opts.host, () => ok(server.address().port));
    });
  let port;
  try {
    port = await listen(opts.port);
  } catch (e) {
    if (e.code !== 'EADDRINUSE' || process.env.PORT) throw e;
    port = await listen(0);
  }
  console.log(`bookable booking server: http://${opts.host}:${port}/  (bookings in ${opts.db})`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`server: ${e.message}`);
    process.exit(1);
  });
}
