#!/usr/bin/env bash
# The demo: builds everything (scripts/setup.sh installs what is missing, scripts/build-pkg.sh
# builds the npm package into pkg/), then runs the reference booking server (server/server.mjs)
# with the built-in sample team on 127.0.0.1 and prints its URL: the booking page, its public
# configuration, and bookings recorded in SQLite.
#   bash scripts/demo.sh              # http://127.0.0.1:8080/ (another free port if 8080 is taken)
#   PORT=9000 bash scripts/demo.sh    # a fixed port
#   BOOKABLE_SKIP_SETUP=1 ...         # skip scripts/setup.sh (everything already installed)
# Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if [ "${BOOKABLE_SKIP_SETUP:-0}" != 1 ]; then
  bash scripts/setup.sh
fi
bash scripts/build-pkg.sh

args=(--host 127.0.0.1)
if [ -n "${PORT:-}" ]; then args+=(--port "$PORT"); fi
echo "demo: pages: / (one host and a round-robin team), /embed.html?config=demo/team.json (the iframe variant)"
echo "demo: bookings are kept in ${BOOKABLE_DB:-server/data/bookings.sqlite} (delete it to start afresh)"
exec node server/server.mjs "${args[@]}"
