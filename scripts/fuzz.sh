#!/usr/bin/env bash
# bookable's fuzzing, in the repository: cargo fuzz targets (fuzz/) for the request reader and
# engine (slots_text), the status (status_text), structure-aware requests that reach deep into
# the engine (slots_structured) and iCalendar feeds (ics_text), seeded from the contract's
# fixtures and the vendored calendar feeds.
#
#   bash scripts/fuzz.sh                 every target for 10 minutes (FUZZ_SECONDS=3600 for hours)
#   bash scripts/fuzz.sh --smoke         every target, seed 1, 200,000 inputs (the test command)
#   bash scripts/fuzz.sh slots_text      one target
#
# Installs what it needs when missing: a nightly toolchain (rustup) and cargo-fuzz. The corpus
# grows under fuzz/corpus/ (ignored by git); a crash is written to fuzz/artifacts/<target>/ and
# fails the run: minimise it (cargo +nightly fuzz tmin) and keep it as a regression test.
# Prints each target's executions and the total.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
log() { echo "fuzz: $*"; }

seconds=${FUZZ_SECONDS:-600}
smoke=
targets=()
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=1 ;;
    *) targets+=("$arg") ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(slots_text status_text slots_structured ics_text)
# The smoke run is reproducible: a fixed seed and a fixed number of inputs per target (about
# 30 s each here), so the test command gives the same verdict on every machine and every run;
# exploring new inputs is what the long runs are for.
limits=(-max_total_time="$seconds")
[ -z "$smoke" ] || limits=(-seed=1 -runs="${FUZZ_RUNS:-200000}" -max_total_time=300)

if ! rustup toolchain list | grep -q '^nightly'; then
  log "rustup toolchain install nightly (the fuzzer needs it)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  log "cargo install cargo-fuzz (a few minutes)"
  cargo install cargo-fuzz
fi

# Seeds: every request of the contract's fixtures, and every bad request of errors.jsonl.
seed() { # seed TARGET KIND...
  local dir="fuzz/corpus/$1"
  shift
  mkdir -p "$dir"
  for kind in "$@"; do
    for f in tests/fixtures/$kind/*.json tests/fixtures/spec-1.1/$kind/*.json; do
      [ -f "$f" ] || continue
      node -e 'const fs=require("fs");process.stdout.write(JSON.stringify(JSON.parse(fs.readFileSync(process.argv[1],"utf8")).request))' "$f" \
        >"$dir/seed-$(basename "$(dirname "$(dirname "$f")")")-$kind-$(basename "$f")"
    done
  done
}
seed slots_text slots
seed status_text status
node -e '
  const fs = require("fs");
  fs.readFileSync("tests/fixtures/errors.jsonl", "utf8").split("\n").filter(Boolean).forEach((l, i) => {
    const e = JSON.parse(l);
    const text = typeof e.request === "string" ? e.request : JSON.stringify(e.request);
    fs.writeFileSync(`fuzz/corpus/${e.kind === "status" ? "status" : "slots"}_text/seed-error-${i}.json`, text);
  });'

# The ICS target's seeds: every vendored and hand-written calendar feed.
mkdir -p fuzz/corpus/ics_text
find tests -name '*.ics' -size -64k 2>/dev/null | while read -r f; do
  cp "$f" "fuzz/corpus/ics_text/seed-$(echo "$f" | tr '/' '_')"
done

total=0
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target"
  log "$target: ${limits[*]}"
  out=$(mktemp)
  # -rss_limit_mb: a request must never need more (SPEC §9: bounded memory); -timeout: nor hang.
  if ! (cd fuzz && cargo +nightly fuzz run "$target" -- \
    "${limits[@]}" -rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1) >"$out" 2>&1; then
    tail -n 60 "$out"
    log "$target FAILED: see fuzz/artifacts/$target/"
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out" | tail -n 1)
  log "$target: ${runs:-0} executions, no crash"
  total=$((total + ${runs:-0}))
  rm -f "$out"
done
log "total: $total executions, no crash"
