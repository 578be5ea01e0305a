#!/usr/bin/env bash
# Installs what bookable's build and tests need on a fresh machine (Debian, as root), and
# nothing that is already there: safe to run again and again (scripts/test.sh runs it first).
#   - the wasm32-unknown-unknown target, rustfmt and clippy;
#   - wasm-bindgen-cli 0.2.130 (wasm-bindgen, wasm-bindgen-test-runner), matching the crate pin;
#   - Debian's chromium and chromium-driver (headless browser tests);
#   - the npm dependencies of the JS test and benchmark folders, from their package-lock.json;
#   - PostgreSQL (Debian's), started, with the role the server's tests use (scripts/postgres.sh);
#   - Radicale (CalDAV), aiosmtpd (SMTP) and icalendar in .venv-servers/ (tests/servers/).
set -euo pipefail
cd "$(dirname "$0")/.."
log() { echo "setup: $*"; }

WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PATH"

for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    log "rustup component add $component"
    rustup component add "$component"
  fi
done

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] ||
  ! command -v wasm-bindgen-test-runner >/dev/null; then
  log "cargo install wasm-bindgen-cli --version $WASM_BINDGEN_VERSION (a few minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "apt-get install chromium chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y chromium chromium-driver
fi

# npm folders. Each one with a package-lock.json is installed with `npm ci` (exact versions),
# skipped when its node_modules was installed from the same lock file.
# >>> Other suites: add their folder here. <<<
NPM_DIRS=(tests/js tests/vite tests/www bench/node bench/calendars)
for dir in "${NPM_DIRS[@]}"; do
  [ -f "$dir/package.json" ] || continue
  if [ -f "$dir/package-lock.json" ]; then
    stamp="$dir/node_modules/.bookable-setup-lock"
    if [ -f "$stamp" ] && cmp -s "$stamp" "$dir/package-lock.json"; then
      continue
    fi
    log "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund)
    cp "$dir/package-lock.json" "$stamp"
  else
    log "npm install in $dir (no package-lock.json)"
    (cd "$dir" && npm install --no-audit --no-fund)
  fi
done
# The real CalDAV and SMTP servers of bookable-server's tests, in their own virtualenv.
venv=.venv-servers
if [ ! -x "$venv/bin/python" ] || ! cmp -s tests/servers/requirements.txt "$venv/.bookable-setup-requirements"; then
  log "python -m venv $venv; pip install -r tests/servers/requirements.txt"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/servers/requirements.txt
  cp tests/servers/requirements.txt "$venv/.bookable-setup-requirements"
fi
# bookable-server's tests run on SQLite and on PostgreSQL.
bash scripts/postgres.sh >/dev/null
log "ok"
