#!/usr/bin/env bash
# Copies the contract and its fixtures from the shared folder into the repository, so that a
# clone stands on its own:
#   SHARED/SPEC.md                       -> docs/spec.md (byte for byte)
#   SHARED/fixtures/{slots,status}/      -> tests/fixtures/{slots,status}/
#   SHARED/fixtures/errors.jsonl         -> tests/fixtures/errors.jsonl
#   SHARED/fixtures/spec-1.1/            -> tests/fixtures/spec-1.1/ (data only: SPEC 1.1 is not
#                                           implemented yet, no test reads it)
# SHARED is ../shared beside the checkout unless the SHARED environment variable names another
# folder. Copied folders are replaced whole, so a fixture removed upstream goes here too.
# tests/shared_copy.rs fails while the copies differ from SHARED; run this, review `git diff`,
# commit.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED:-../shared}"
[ -f "$shared/SPEC.md" ] && [ -d "$shared/fixtures" ] || {
  echo "sync-shared: $shared/SPEC.md or $shared/fixtures is missing (set SHARED=DIR)" >&2
  exit 1
}

mkdir -p docs tests/fixtures
cp "$shared/SPEC.md" docs/spec.md
cp "$shared/fixtures/errors.jsonl" tests/fixtures/errors.jsonl
for dir in slots status spec-1.1; do
  rm -rf "tests/fixtures/$dir"
  cp -R "$shared/fixtures/$dir" "tests/fixtures/$dir"
done
echo "sync-shared: docs/spec.md and tests/fixtures/ now match $shared"
