#!/usr/bin/env bash
# Brings an IANA tz release into crates/tzdb/tzdata/, the only copy of tz data bookable builds.
#
#   bash scripts/update-tzdata.sh          # the newest release
#   bash scripts/update-tzdata.sh 2025b    # exactly that release (reproduces an older one)
#   bash scripts/update-tzdata.sh --check  # only says whether a newer release is out
#
# Where it comes from: PyPI's `tzdata` wheel, which carries the whole zic source of a release as
# tzdata/zoneinfo/tzdata.zi and the same release compiled by zic into TZif files (IANA's own
# site is not reachable from here). Release 2026f is the wheel 2026.6: the letter's place in the
# alphabet (a post release such as 2026.6.post1 is taken when it is the only one).
#
# What it checks: pip verifies the wheel against the index's sha256; then the wheel's tzdata.zi
# must say `# version <release>`. It writes tzdata.zi, VERSION, the wheel itself (the tests hold
# the compiled tables against its TZif files) and SHA256SUMS, and removes the previous wheel.
# It also writes the release's zone1970.tab, zone.tab and iso3166.tab (public domain, from the
# same wheel): which countries each zone serves and the countries' English names. The engine
# does not read them; scripts/zone-index.mjs builds the booking page's zone search from them.
# Everything else is the build's job: run `bash scripts/test.sh` afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=crates/tzdb/tzdata

die() { echo "update-tzdata: $*" >&2; exit 1; }

# 2026f → 2026.6
release_to_pypi() {
  local r=$1
  [[ $r =~ ^([0-9]{4})([a-z])$ ]] || die "a release is written like 2026f, not '$r'"
  local year=${BASH_REMATCH[1]} letter=${BASH_REMATCH[2]}
  local n=$(($(printf '%d' "'$letter") - 96))
  echo "$year.$n"
}

# 2026.6 (or 2026.6.post1) → 2026f
pypi_to_release() {
  local v=$1
  [[ $v =~ ^([0-9]{4})\.([0-9]+) ]] || die "unexpected tzdata version '$v'"
  local n=${BASH_REMATCH[2]}
  ((n >= 1 && n <= 26)) || die "unexpected tzdata version '$v'"
  printf '%s%b\n' "${BASH_REMATCH[1]}" "\\x$(printf '%x' $((96 + n)))"
}

newest_pypi_version() {
  # `pip index versions` prints "tzdata (2026.6)" first.
  pip index versions tzdata 2>/dev/null | sed -n 's/^tzdata (\([^)]*\)).*/\1/p' | head -n 1
}

current=$(cat "$dir/VERSION" 2>/dev/null || echo none)

if [ "${1:-}" = "--check" ]; then
  newest=$(newest_pypi_version || true)
  if [ -z "$newest" ]; then
    echo "tzdata $current: could not ask PyPI for the newest release (offline?)"
    exit 0
  fi
  release=$(pypi_to_release "$newest")
  if [ "$release" = "$current" ]; then
    echo "tzdata $current is the newest"
  elif [[ "$release" > "$current" ]]; then
    echo "WARNING: tzdata $release is out (bookable has $current): run scripts/update-tzdata.sh"
  else
    echo "tzdata $current (PyPI's newest is $release)"
  fi
  exit 0
fi

if [ -n "${1:-}" ]; then
  release=$1
  pypi=$(release_to_pypi "$release")
else
  pypi=$(newest_pypi_version)
  [ -n "$pypi" ] || die "could not ask PyPI for the newest tzdata"
  release=$(pypi_to_release "$pypi")
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "update-tzdata: IANA $release (PyPI tzdata $pypi)"
pip download --quiet --no-deps --only-binary=:all: --dest "$tmp" "tzdata==$pypi" ||
  pip download --quiet --no-deps --only-binary=:all: --dest "$tmp" "tzdata==$pypi.post1" ||
  die "PyPI has no tzdata wheel $pypi"
wheel=$(ls "$tmp"/tzdata-*.whl)
name=$(basename "$wheel")

tables=(zone1970.tab zone.tab iso3166.tab)
python3 - "$wheel" "$tmp" tzdata.zi "${tables[@]}" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in sys.argv[3:]:
        with open(f"{sys.argv[2]}/{name}", "wb") as out:
            out.write(z.read(f"tzdata/zoneinfo/{name}"))
EOF
got=$(sed -n '1s/^# version //p' "$tmp/tzdata.zi")
[ "$got" = "$release" ] || die "the wheel's tzdata.zi says version '$got', not $release"

mkdir -p "$dir"
rm -f "$dir"/tzdata-*.whl
cp "$tmp/tzdata.zi" "$dir/tzdata.zi"
for t in "${tables[@]}"; do cp "$tmp/$t" "$dir/$t"; done
cp "$wheel" "$dir/$name"
echo "$release" >"$dir/VERSION"
(cd "$dir" && sha256sum tzdata.zi "${tables[@]}" "$name" >SHA256SUMS)
echo "update-tzdata: wrote $dir (tzdata.zi $(wc -l <"$dir/tzdata.zi") lines, $name)"
sed 's/^/update-tzdata:   /' "$dir/SHA256SUMS"
