#!/usr/bin/env bash
# Browser tests of the booking page (issue 5): serves www/ with the built package, runs the
# Playwright tests (playwright-core + Debian chromium, headless) with node's test runner, stops
# the server. Exits non-zero when a test fails. Screenshots go to artifacts/www/.
#   PKG_DIR=dir  use another build of the package (default: pkg/)
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

log="$(mktemp)"
node "$repo/www/serve.mjs" --host 127.0.0.1 --port 0 --pkg "$PKG_DIR" --fixtures "$here/fixtures" >"$log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT

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
echo "tests/www: serving $url (package from $PKG_DIR)"

export BASE_URL="$url"
# bash tests/www/run.sh [FILE.test.mjs ...]: all suites by default
files=("$@")
[ "${#files[@]}" -gt 0 ] || files=(*.test.mjs)
node --test --test-concurrency=1 --test-timeout=180000 "${files[@]}"
