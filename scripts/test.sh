#!/usr/bin/env bash
# bookable's one test command: `bash scripts/test.sh` (CI runs it through .ci/run).
# Installs what is missing (scripts/setup.sh), then runs every check and suite, going on past a
# failure so one run shows them all. Exits non-zero if any step failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh || { echo "test.sh: setup failed"; exit 1; }

passed=()
failed=()
step() { # step NAME COMMAND...
  local name=$1
  shift
  echo
  echo "=== test.sh: $name"
  local t0=$SECONDS
  if "$@"; then
    passed+=("$name")
    echo "=== test.sh: $name: ok ($((SECONDS - t0)) s)"
  else
    failed+=("$name")
    echo "=== test.sh: $name: FAILED ($((SECONDS - t0)) s)"
  fi
}

wasm_test() { # the wasm-bindgen-test suites of wasm/tests, in Node or (with env) in Chromium
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test -p bookable-wasm --target wasm32-unknown-unknown "$@"
}
wasm_test_chromium() {
  WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
    WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/wasm/webdriver.json" wasm_test
}

step "cargo fmt --check" cargo fmt --all --check
step "cargo clippy (native)" cargo clippy --workspace --all-targets -- -D warnings
step "cargo clippy (wasm32)" cargo clippy -p bookable-wasm --target wasm32-unknown-unknown --all-targets -- -D warnings
# The two builds of the modules: the page's without the calendar reader, the calendars one with it.
step "cargo clippy (core without calendars)" cargo clippy -p bookable --no-default-features --lib -- -D warnings
step "cargo clippy (wasm32, calendars)" cargo clippy -p bookable-wasm --target wasm32-unknown-unknown --all-targets --features calendars -- -D warnings
# No module loops in the core (src/, a module a file), the service (server/src/), nor in www/
# and npm/ (relative imports);
# known ones are listed in scripts/module-loops-allowed.txt.
step "module graph (no import loops)" node scripts/check-module-graph.mjs
# (bookable-server's tests start the real binary on SQLite and on the PostgreSQL setup started)
step "cargo test" cargo test --workspace
step "cargo bench --no-run" cargo bench --no-run
step "cargo build --release (CLI)" cargo build --release
step "build pkg/" bash scripts/build-pkg.sh
step "wasm-bindgen-test in Node" wasm_test
step "wasm-bindgen-test in headless Chromium" wasm_test_chromium
step "node tests (tests/js)" node --test tests/js/*.test.mjs
step "Vite bundler test (tests/vite)" node --test --test-concurrency=1 tests/vite/bundle.test.mjs tests/vite/picker.test.mjs

# >>> Other suites: add them below, each run only when its entry file exists. <<<
# The booking page in headless Chromium (playwright-core).
if [ -f tests/www/run.sh ]; then
  step "booking page tests (tests/www)" bash tests/www/run.sh
fi
# The cargo fuzz targets for 30 s each (scripts/fuzz.sh installs nightly and cargo-fuzz).
if [ -f scripts/fuzz.sh ]; then
  step "fuzz smoke (cargo fuzz)" bash scripts/fuzz.sh --smoke
fi
# A quick run of the Node benchmark (checks it works, measures nothing).
if [ -f bench/node/bench.mjs ]; then
  step "Node benchmark smoke run" node bench/node/bench.mjs --smoke
fi
# The calendar benchmark's answers: bookable-slots/calendars, ical.js + ical-expander and
# node-ical agree on the feed (a quick run, measures nothing).
if [ -f bench/calendars/bench.mjs ]; then
  step "calendar benchmark smoke run (answers checked equal)" node bench/calendars/bench.mjs --smoke
fi

# Is a newer IANA tz release out? A warning to act on, never a failure (and quiet offline).
echo
echo "=== test.sh: tz data"
timeout 60 bash scripts/update-tzdata.sh --check || echo "tz data: the check did not answer"

echo
echo "=== test.sh summary"
for name in "${passed[@]}"; do echo "  ok      $name"; done
for name in "${failed[@]}"; do echo "  FAILED  $name"; done
echo "steps: ${#passed[@]} passed, ${#failed[@]} failed"
[ "${#failed[@]}" -eq 0 ]
