#!/usr/bin/env bash
# Copies the contract and its fixtures from the shared folder into the repository, so that a
# clone stands on its own:
#   SHARED/SPEC.md     -> docs/spec.md (byte for byte)
#   SHARED/fixtures/   -> tests/fixtures/ (the whole tree: slots/, status/, errors.jsonl,
#                         spec-1.1/ and spec-1.2/)
# SHARED is ../shared beside the checkout unless the SHARED environment variable names another
# folder. tests/fixtures/ is replaced whole, so a fixture removed upstream goes here too.
# tests/shared_copy.rs fails while the copies differ from SHARED: run this, review `git diff`,
# commit.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED:-../shared}"
[ -f "$shared/SPEC.md" ] && [ -d "$shared/fixtures" ] || {
  echo "sync-shared: $shared/SPEC.md or $shared/fixtures is missing (set SHARED=DIR)" >&2
  exit 1
}

mkdir -p docs
cp "$shared/SPEC.md" docs/spec.md
rm -rf tests/fixtures
cp -R "$shared/fixtures" tests/fixtures
echo "sync-shared: docs/spec.md and tests/fixtures/ now match $shared"
