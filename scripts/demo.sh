#!/usr/bin/env bash
# The demo: builds everything (scripts/setup.sh installs what is missing, scripts/build-pkg.sh
# builds the npm package into pkg/, cargo builds bookable-server), then runs the booking service
# with the sample team on a fresh SQLite file and prints where the pages and the owner API are,
# with the owner's token.
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
cargo build --release -p bookable-server

# A fresh database each time: the sample team's hours and busy times are placed around today.
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
port="${PORT:-8080}"
if [ -z "${PORT:-}" ] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  port=0 # 8080 is taken: any free port
fi
token="${BOOKABLE_ADMIN_TOKEN:-demo-owner-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
echo "demo: the owner's token is $token (Authorization: Bearer …, for /api/admin/)"
# Not `exec`: this shell stays to remove the database (attendees' names and emails) when the
# server ends, by Ctrl-C or a signal to either.
BOOKABLE_ADMIN_TOKEN="$token" target/release/bookable-server --demo \
  --listen "127.0.0.1:$port" --database "sqlite:$data/demo.sqlite3" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null || true' INT TERM
status=0
wait "$server" || status=$?
# a signal interrupts the first wait: wait for the server's graceful end
while kill -0 "$server" 2>/dev/null; do wait "$server" || status=$?; done
exit "$status"
