#!/usr/bin/env bash
# Browser tests of the booking page (issues 5, 18): builds and starts the Rust booking server
# (`bookable-server --demo` on a fresh SQLite file, the package from PKG_DIR at /pkg/, the test
# fixtures at /fixtures/), runs the Playwright tests (playwright-core + Debian chromium, headless)
# with node's test runner, stops the server. Exits non-zero when a test fails. Screenshots go to
# artifacts/www/.
#   PKG_DIR=dir  use another build of the package (default: pkg/)
# The tests get BASE_URL (the demo), BOOKABLE_SERVER (the binary, for suites that start their
# own server) and BOOKABLE_ADMIN_TOKEN (the owner's token of both).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$here"

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "tests/www: ${CHROMIUM:-/usr/bin/chromium} is missing (scripts/setup.sh installs Debian's chromium)" >&2
  exit 1
fi
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
export PKG_DIR="${PKG_DIR:-$repo/pkg}"
if [ ! -f "$PKG_DIR/bookable.js" ] || [ ! -f "$PKG_DIR/bookable_bg.wasm" ]; then
  echo "tests/www: no package in $PKG_DIR; building it with scripts/build-pkg.sh" >&2
  bash "$repo/scripts/build-pkg.sh"
fi

# the server (quick when it is already built)
(cd "$repo" && cargo build --quiet -p bookable-server)
export BOOKABLE_SERVER="${CARGO_TARGET_DIR:-$repo/target}/debug/bookable-server"
export BOOKABLE_ADMIN_TOKEN="${BOOKABLE_ADMIN_TOKEN:-www-test-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')}"
export BOOKABLE_BOOKINGS_PER_MINUTE=0

tmp="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
log="$tmp/server.log"
"$BOOKABLE_SERVER" --demo --listen 127.0.0.1:0 --database "sqlite:$tmp/db.sqlite3" \
  --www-dir "$repo/www" --pkg-dir "$PKG_DIR" --mount "/fixtures=$here/fixtures" >"$log" 2>&1 &
server=$!

url=""
for _ in $(seq 1 100); do
  url="$(sed -n 's/^bookable demo: \(http[^ ]*\)$/\1/p' "$log")"
  [ -n "$url" ] && break
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$log" >&2
    echo "tests/www: the server did not start" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$url" ]; then
  cat "$log" >&2
  echo "tests/www: the server printed no URL" >&2
  exit 1
fi
echo "tests/www: serving $url (bookable-server, package from $PKG_DIR)"

export BASE_URL="$url"
# bash tests/www/run.sh [FILE.test.mjs ...]: all suites by default
files=("$@")
[ "${#files[@]}" -gt 0 ] || files=(*.test.mjs)
status=0
node --test --test-concurrency=1 --test-timeout=180000 "${files[@]}" || status=$?
if [ "$status" -ne 0 ] && grep -qE 'ERROR|WARN' "$log"; then
  echo "tests/www: the server's warnings and errors:" >&2
  grep -E 'ERROR|WARN' "$log" >&2
fi
exit "$status"
