#!/usr/bin/env bash
# Builds the npm package `bookable-slots` into pkg/ from the wasm crate (twice: the page's module,
# and the calendars module of `bookable-slots/calendars`):
#   cargo build (wasm32-unknown-unknown, release) -> wasm-bindgen 0.2.130 twice (web + Node ESM)
#   -> pkg/ with the entry modules (bookable.js, node.js, expand.js), package.json, README.md and
#   bookable.d.ts from npm/, and the <bookable-picker> element from www/ (`bookable-slots/picker`).
# Prints the .wasm size raw / gzip / brotli. Needs what scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$WASM_BINDGEN_VERSION" ]; then
  echo "build-pkg: wasm-bindgen $WASM_BINDGEN_VERSION is needed (found '${have:-none}'); run scripts/setup.sh" >&2
  exit 1
fi

# opt-level 2 for the wasm build (BOOKABLE_WASM_OPT_LEVEL overrides it; the native CLI keeps the
# profile's 3). Measured 20:50 on 9939e9a (bookable's own tz data) with the compact slots
# boundary, Node 20, medians of 200 interleaved runs (30 for 500 members):
#   opt-level  brotli    2-team: computeSlots  Scheduler.slots  slotStarts | 500 members: slotStarts
#   "s"        88.7 KB           3.41 ms       1.48 ms          0.74 ms    |              5.21 ms
#   2          90.6 KB           2.75 ms       1.26 ms          0.61 ms    |              4.34 ms
#   3          92.1 KB           2.74 ms       1.25 ms          0.63 ms    |              4.58 ms
# 2 is as fast as 3 (within noise) and 1.5 KB smaller; "s" is ~20 % slower. Module import + first
# call in a fresh Node: ~6 + 5 ms for all three. (Earlier: "z" saved 2 KB over "s" and doubled
# the time.) wasm-opt (npm binaryen 132, -Oz) made the brotli size larger (134 KB then, it
# recompressed the tz data badly), so it stays out.
CARGO_PROFILE_RELEASE_OPT_LEVEL="${BOOKABLE_WASM_OPT_LEVEL:-2}" \
  cargo build -p bookable-wasm --target wasm32-unknown-unknown --release
metadata=$(cargo metadata --no-deps --format-version 1)
field() { # field JS-EXPR: evaluates an expression over the cargo metadata `m`
  printf '%s' "$metadata" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const m=JSON.parse(s);process.stdout.write(String(eval(process.argv[1])))})' "$1"
}
wasm="$(field m.target_directory)/wasm32-unknown-unknown/release/bookable_wasm.wasm"
version=$(field 'm.packages.find(p => p.name === "bookable").version')

out=pkg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The name section (function names for stack traces) is 15 KB of the brotli size: dropped.
flags=(--out-name bookable --no-typescript --remove-name-section --remove-producers-section)
wasm-bindgen "$wasm" --target web --out-dir "$tmp/web" "${flags[@]}"
wasm-bindgen "$wasm" --target experimental-nodejs-module --out-dir "$tmp/node" "${flags[@]}"
# Both targets share one module: ship it once.
cmp -s "$tmp/web/bookable_bg.wasm" "$tmp/node/bookable_bg.wasm" || {
  echo "build-pkg: the web and Node builds produced different .wasm files" >&2
  exit 1
}

# The calendars module, `bookable-slots/calendars` (SPEC §10: ICS feeds, Google freeBusy, Graph
# getSchedule, busyTimes): the engine with the calendar reader, built after the page's module
# was copied out (both are target/…/bookable_wasm.wasm). It is loaded where feeds are read (a
# server, a worker), not by a public page, and must stay within 150 kB brotli: opt-level "z"
# (BOOKABLE_CALENDARS_OPT_LEVEL overrides it). Measured 2026-11-30 with publicRequest and checkSlot
# in both modules, Node 20, bench/calendars (522 kB feed, 2,000 events, 90 days), median busyTimes:
#   opt-level  brotli    busyTimes
#   2          170.7 kB  15.2 ms
#   "s"        151.9 kB  16.7 ms
#   "z"        145.3 kB  17.1 ms
CARGO_PROFILE_RELEASE_OPT_LEVEL="${BOOKABLE_CALENDARS_OPT_LEVEL:-z}" \
  cargo build -p bookable-wasm --target wasm32-unknown-unknown --release --features calendars
cflags=(--out-name calendars --no-typescript --remove-name-section --remove-producers-section)
wasm-bindgen "$wasm" --target web --out-dir "$tmp/cweb" "${cflags[@]}"
wasm-bindgen "$wasm" --target experimental-nodejs-module --out-dir "$tmp/cnode" "${cflags[@]}"
cmp -s "$tmp/cweb/calendars_bg.wasm" "$tmp/cnode/calendars_bg.wasm" || {
  echo "build-pkg: the web and Node calendars builds produced different .wasm files" >&2
  exit 1
}

rm -rf "$out"
mkdir -p "$out"
# The entries a user imports are npm/bookable.js (browsers, bundlers) and npm/node.js (Node):
# they wrap wasm-bindgen's modules so that slots responses are built in JS (npm/expand.js).
cp "$tmp/web/bookable.js" "$out/bookable_web.js"          # browsers and bundlers: init()/initSync()
cp "$tmp/node/bookable.js" "$out/bookable_node.js"        # Node: compiled synchronously on import
cp "$tmp/web/bookable_bg.wasm" "$out/bookable_bg.wasm"
cp npm/bookable.js npm/node.js npm/api.js npm/request.js npm/expand.js npm/bookable.d.ts npm/README.md "$out/"
cp "$tmp/cweb/calendars.js" "$out/calendars_web.js"
cp "$tmp/cnode/calendars.js" "$out/calendars_node.js"
cp "$tmp/cweb/calendars_bg.wasm" "$out/calendars_bg.wasm"
cp npm/calendars.js npm/calendars-node.js npm/calendars.d.ts "$out/"
# The booking element, `bookable-slots/picker`: www/'s element, its stylesheet, its types, and the
# zone index generated from the tz release's zone tables. The element's modules (picker/,
# shared/) are joined into one module per entry (scripts/bundle-element.mjs: a page loads one file,
# not twenty): the element, the details step loaded with import() (picker/booking.js), and the
# zone search on its own (shared/zone-search.js); the languages stay one module each, loaded by
# import(). Their imports of www/'s ./pkg/… (where serve.mjs mounts the package) become the
# package's own modules.
node scripts/zone-index.mjs "$out/zone-index.js"
cp www/bookable-picker.css npm/bookable-picker.d.ts "$out/"
for entry in bookable-picker.js picker/booking.js shared/zone-search.js; do
  node scripts/bundle-element.mjs "www/$entry" "$out" >/dev/null
  node --check "$out/$entry"
done
mkdir -p "$out/shared/i18n"
cp www/shared/i18n/*.js "$out/shared/i18n/"
# The availability table, `bookable-slots/team-status`, the same way: one module, its languages
# apart (team-status/i18n/*.js).
cp www/bookable-team-status.css npm/bookable-team-status.d.ts "$out/"
node scripts/bundle-element.mjs www/bookable-team-status.js "$out" >/dev/null
node --check "$out/bookable-team-status.js"
mkdir -p "$out/team-status/i18n"
cp www/team-status/i18n/*.js "$out/team-status/i18n/"
# `bookable-slots/hours`: <bookable-hours> and <bookable-overrides> (www/hours/), joined the same
# way; their languages stay one module each (hours/i18n/), beside the picker's (shared/i18n/).
cp www/bookable-hours.css npm/bookable-hours.d.ts "$out/"
node scripts/bundle-element.mjs www/bookable-hours.js "$out" >/dev/null
node --check "$out/bookable-hours.js"
mkdir -p "$out/hours/i18n"
cp www/hours/i18n/*.js "$out/hours/i18n/"
# the zone search's abbreviations and other cities (CLDR, GeoNames), committed as generated by
# scripts/zone-names.mjs; loaded by import() at the first search
cp www/shared/zone-names.js "$out/shared/"
if grep -ln "pkg/" "$out/bookable-picker.js" "$out/picker/booking.js" "$out/shared/zone-search.js" "$out/shared/zone-names.js" "$out"/shared/i18n/*.js "$out/bookable-team-status.js" "$out"/team-status/i18n/*.js "$out/bookable-hours.js" "$out"/hours/i18n/*.js; then
  echo "build-pkg: the files above still name pkg/" >&2
  exit 1
fi
node -e '
  const fs = require("fs");
  const pkg = JSON.parse(fs.readFileSync("npm/package.json", "utf8"));
  pkg.version = process.argv[1];
  fs.writeFileSync(process.argv[2], JSON.stringify(pkg, null, 2) + "\n");
' "$version" "$out/package.json"

node -e '
  const fs = require("fs"), zlib = require("zlib");
  const kb = (n) => (n / 1000).toFixed(1) + " kB";
  for (const [file, budget] of [[process.argv[1], 100 * 1000], [process.argv[2], 150 * 1000]]) {
    const buf = fs.readFileSync(file);
    const gz = zlib.gzipSync(buf, { level: 9 }).length;
    const br = zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    console.log(`build-pkg: ${file} raw ${buf.length} B (${kb(buf.length)}), gzip -9 ${gz} B (${kb(gz)}), brotli q11 ${br} B (${kb(br)})`);
    if (br > budget) console.log(`build-pkg: WARNING: ${file}: brotli ${br} B is over its ${budget} B budget`);
  }
' "$out/bookable_bg.wasm" "$out/calendars_bg.wasm"
echo "build-pkg: built $out/ (bookable-slots $version)"
