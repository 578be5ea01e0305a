#!/usr/bin/env node
// A tiny static server for the bookable demo (no dependencies).
//
//   node www/serve.mjs [--host 127.0.0.1] [--port 8080] [--pkg DIR] [--fixtures DIR]
//
// Serves www/ at /, the browser build of the npm package at /pkg/ (default: pkg/web/ if it
// exists, else pkg/), the demo configurations generated for today at /demo/single.json and
// /demo/team.json, and, with --fixtures, a test directory at /fixtures/. Every response carries
// a strict Content-Security-Policy; .wasm is served as application/wasm. Text and wasm are sent
// compressed (brotli, else gzip, as the browser accepts; compressed once per file version),
// with an ETag (If-None-Match gets a 304) and Cache-Control: pages and JSON are revalidated
// every time (no-cache), scripts, styles and the wasm are fresh for five minutes. Prints the URL.

import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants } from 'node:zlib';
import { demoConfigs } from './demo-data.js';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const WWW = fileURLToPath(new URL('.', import.meta.url));
const REPO = resolve(WWW, '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt', '.md', '.map', '.ts']);
const REVALIDATE = new Set(['.html', '.json']);
const encoded = new Map(); // `${file}|${mtime}|${size}|${encoding}` → compressed body

/** The encoding to send: brotli, else gzip, if the request accepts it (q=0 refuses). */
function pickEncoding(header = '') {
  const accepted = new Map();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)).find(Boolean);
    if (name) accepted.set(name, q ? Number(q[1]) : 1);
  }
  if (accepted.get('br') > 0) return 'br';
  if (accepted.get('gzip') > 0) return 'gzip';
  return null;
}

async function compress(body, encoding, key) {
  if (key && encoded.has(key)) return encoded.get(key);
  const out = encoding === 'br'
    ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: key ? 11 : 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : await gzipAsync(body, { level: 9 });
  if (key) encoded.set(key, out);
  return out;
}

function csp(frameAncestors) {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self'",
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

function parseArgs(argv) {
  const opts = { host: '127.0.0.1', port: undefined, pkg: undefined, fixtures: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--host') opts.host = value();
    else if (a === '--port') opts.port = Number(value());
    else if (a === '--pkg') opts.pkg = resolve(value());
    else if (a === '--fixtures') opts.fixtures = resolve(value());
    else if (a === '-h' || a === '--help') {
      console.log('usage: node www/serve.mjs [--host 127.0.0.1] [--port 8080] [--pkg DIR] [--fixtures DIR]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

/** The file under `root` for a URL path, or null if it would leave root. */
function inside(root, rel) {
  const file = normalize(join(root, rel));
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

export function createDemoServer({ pkg, fixtures } = {}) {
  const pkgDir = pkg || (existsSync(join(REPO, 'pkg', 'web')) ? join(REPO, 'pkg', 'web') : join(REPO, 'pkg'));
  const mounts = [['/pkg/', pkgDir]];
  if (fixtures) mounts.push(['/fixtures/', fixtures]);
  mounts.push(['/', WWW]);

  return createServer(async (req, res) => {
    const send = async (status, body, type, extra = {}) => {
      const headers = {
        'Content-Type': type,
        'Content-Security-Policy': csp(extra.frameAncestors || "'self'"),
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': extra.cache || 'no-cache',
        // the element and the package may be loaded by pages of other origins (module scripts
        // and wasm are fetched with CORS)
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      };
      if (status === 200 && extra.ext && COMPRESSIBLE.has(extra.ext)) {
        headers.Vary = 'Accept-Encoding';
        const encoding = body.length > 256 ? pickEncoding(req.headers['accept-encoding']) : null;
        const tag = createHash('sha256').update(body).digest('base64url').slice(0, 22);
        headers.ETag = `"${tag}${encoding ? `-${encoding}` : ''}"`;
        const match = String(req.headers['if-none-match'] || '').split(',').map((t) => t.trim().replace(/^W\//, ''));
        if (match.includes(headers.ETag)) {
          res.writeHead(304, headers);
          return res.end();
        }
        if (encoding) {
          body = await compress(Buffer.from(body), encoding, extra.key && `${extra.key}|${encoding}`);
          headers['Content-Encoding'] = encoding;
        }
      }
      headers['Content-Length'] = Buffer.byteLength(body);
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n', TYPES['.txt']);
      const url = new URL(req.url, 'http://localhost');
      let path;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        return send(400, 'bad path\n', TYPES['.txt']);
      }
      if (path.includes('\0')) return send(400, 'bad path\n', TYPES['.txt']);
      const demo = /^\/demo\/(single|team)\.json$/.exec(path);
      if (demo) return send(200, JSON.stringify(demoConfigs(Date.now())[demo[1]], null, 2), TYPES['.json'], { ext: '.json' });
      const [prefix, root] = mounts.find(([p]) => path.startsWith(p));
      let file = inside(root, path.slice(prefix.length));
      if (!file) return send(404, 'not found\n', TYPES['.txt']);
      let info = await stat(file).catch(() => null);
      if (info && info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info || !info.isFile()) return send(404, 'not found\n', TYPES['.txt']);
      const ext = extname(file);
      const type = TYPES[ext] || 'application/octet-stream';
      // embed.html is meant to be framed by other sites; everything else only by this origin
      const frameAncestors = file === join(WWW, 'embed.html') ? '*' : "'self'";
      const cache = REVALIDATE.has(ext) ? 'no-cache' : 'public, max-age=300';
      return send(200, await readFile(file), type, { frameAncestors, ext, cache, key: `${file}|${info.mtimeMs}|${info.size}` });
    } catch (e) {
      return send(500, `server error: ${e.message}\n`, TYPES['.txt']);
    }
  });
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`serve.mjs: ${e.message}`);
    process.exit(2);
  }
  const explicitPort = opts.port !== undefined || process.env.PORT !== undefined;
  const port = opts.port ?? (process.env.PORT !== undefined ? Number(process.env.PORT) : 8080);
  const server = createDemoServer(opts);
  const listen = (p) =>
    new Promise((ok, fail) => {
      server.once('error', fail);
      server.listen(p, opts.host, () => {
        server.off('error', fail);
        ok();
      });
    });
  try {
    await listen(port);
  } catch (e) {
    if (e.code !== 'EADDRINUSE' || explicitPort) {
      console.error(`serve.mjs: cannot listen on ${opts.host}:${port}: ${e.message}`);
      process.exit(1);
    }
    await listen(0); // the default port is taken: use any free one
  }
  const { port: actual } = server.address();
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  console.log(`bookable demo: http://${host}:${actual}/`);
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
