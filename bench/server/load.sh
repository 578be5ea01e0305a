#!/usr/bin/env bash
# The booking service under load (issue 18's figures; a benchmark, not a test): public config
# GETs and bookings, at 10 and 100 connections, on bookable-server over SQLite and PostgreSQL,
# and on the old Node server (git history) for comparison, with wrk (Debian: apt-get install wrk)
# on loopback. Every bookings run starts on a fresh database.
#
#   bash bench/server/load.sh [--duration 10s] [--node DIR] [--only rust-sqlite,rust-postgres,node]
#
# --node DIR: a checkout of the Node server, made with
#   git worktree add --detach /tmp/node-old 0d63833 && ln -s "$PWD/pkg" /tmp/node-old/pkg &&
#   (cd /tmp/node-old/server && npm ci)
# (default /tmp/node-old; skipped when missing). PostgreSQL: scripts/postgres.sh's role, or
# BOOKABLE_TEST_POSTGRES_URL. Prints one line per run (requests/s, p50, p99; 201s and 409s apart).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/bench/server"
DURATION=10s
NODE_DIR=/tmp/node-old
ONLY="rust-sqlite,rust-postgres,node"
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --node) NODE_DIR="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    *) echo "usage: bash bench/server/load.sh [--duration 10s] [--node DIR] [--only LIST]" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "load.sh: wrk is missing (apt-get install -y wrk)" >&2; exit 1; }
BIN="$ROOT/target/release/bookable-server"
case "$ONLY" in *rust*) (cd "$ROOT" && cargo build --release -q -p bookable-server) ;; esac
PG_ADMIN="${BOOKABLE_TEST_POSTGRES_URL:-postgres://bookable:bookable@127.0.0.1:5432/postgres}"
TOKEN="load-test-owner-token-0123456789abcdef"
WORK="$(mktemp -d /tmp/bookable-load.XXXXXX)"
node "$HERE/pages.mjs" "$WORK"
PID=""
stop() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; fi; }
trap 'stop; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
log() { echo "load.sh: $*" >&2; }

# bookable-server on DATABASE_URL: sets URL (and PID), configures the members and pages.
start_rust() {
  : >"$WORK/server.log"
  BOOKABLE_ADMIN_TOKEN="$TOKEN" BOOKABLE_BOOKINGS_PER_MINUTE=0 BOOKABLE_LOG=warn \
    "$BIN" --listen 127.0.0.1:0 --database "$1" >"$WORK/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 100); do
    URL="$(sed -n 's#^bookable-server: listening on \(http://[^/]*\).*#\1#p' "$WORK/server.log" | head -1)"
    [ -n "$URL" ] && break
    sleep 0.1
  done
  [ -n "$URL" ] || { cat "$WORK/server.log" >&2; exit 1; }
  node -e '
    const [url, token, file] = process.argv.slice(1);
    const { members, pages } = JSON.parse(require("fs").readFileSync(file, "utf8"));
    (async () => {
      for (const [kind, all] of [["members", members], ["pages", pages]])
        for (const [id, body] of Object.entries(all)) {
          const r = await fetch(`${url}/api/admin/${kind}/${id}`, { method: "PUT",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
          if (r.status !== 200) throw new Error(`PUT ${kind}/${id}: ${r.status} ${await r.text()}`);
        }
    })().catch((e) => { console.error(e.message); process.exit(1); });' "$URL" "$TOKEN" "$WORK/rust.json"
  GET_PATH=/api/pages/month50
  BOOK_PATH=/api/pages/book10/bookings
}

start_node() {
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  node "$NODE_DIR/server/server.mjs" --port "$port" --db "$1" --config "$WORK/node.json" >"$WORK/server.log" 2>&1 &
  PID=$!
  URL="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -sf -o /dev/null "$URL/api/pages/month50.json" && break; sleep 0.1; done
  GET_PATH=/api/pages/month50.json
  BOOK_PATH=/bookings/book10
}

fresh_db() { # kind n → a new database's URL (or file for node)
  case "$1" in
    rust-sqlite) echo "sqlite:$WORK/db$2.sqlite3" ;;
    node) echo "$WORK/node$2.sqlite" ;;
    rust-postgres)
      local name="bookable_load_$$_$2"
      psql "$PG_ADMIN" -qtAc "DROP DATABASE IF EXISTS $name" >/dev/null
      psql "$PG_ADMIN" -qtAc "CREATE DATABASE $name" >/dev/null
      echo "${PG_ADMIN%/*}/$name" ;;
  esac
}
drop_pg() { psql "$PG_ADMIN" -qtAc "DROP DATABASE IF EXISTS bookable_load_$$_$1" >/dev/null 2>&1 || true; }

start() { if [ "$1" = node ]; then start_node "$2"; else start_rust "$2"; fi; }

# The first slot: the next quarter hour at least two hours ahead; 56 days of 15-minute slots.
FIRST=$(( ( $(date +%s) + 7200 + 899 ) / 900 * 900 ))
SLOTS=$(( 56 * 96 ))

n=0
for kind in ${ONLY//,/ }; do
  if [ "$kind" = node ] && [ ! -f "$NODE_DIR/server/server.mjs" ]; then log "no Node server at $NODE_DIR: skipped"; continue; fi
  n=$((n + 1)); start "$kind" "$(fresh_db "$kind" "$n")"
  curl -sf -o /dev/null "$URL$GET_PATH"
  for c in 10 100; do
    echo "$kind GET month50 c=$c $(wrk -t2 -c"$c" -d"$DURATION" --latency -s "$HERE/get.lua" "$URL$GET_PATH" | grep '^GETS')"
  done
  # A GET right after a change (a booking), 20 times: the computed answer, not the cached one.
  times=""
  for i in $(seq 1 20); do
    s=$(date -u -d "@$((FIRST + 86400 * 50 + i * 900))" +%FT%TZ)
    curl -s -o /dev/null -H 'content-type: application/json' -d "{\"start\":\"$s\",\"attendee\":{\"name\":\"A\",\"email\":\"a@example.com\"}}" "$URL$BOOK_PATH"
    times="$times $(curl -s -o /dev/null -w '%{time_total}' "$URL$GET_PATH")"
  done
  echo "$kind GET month50 after a change (20 times, ms): $(echo $times | tr ' ' '\n' | sort -n | awk '{a[NR]=$1*1000} END {printf "min %.1f median %.1f max %.1f", a[1], a[int((NR+1)/2)], a[NR]}')"
  stop; [ "$kind" = rust-postgres ] && drop_pg "$n"
  for c in 10 100; do
    n=$((n + 1)); start "$kind" "$(fresh_db "$kind" "$n")"
    line=$(BOOK_PATH="$BOOK_PATH" BOOK_FIRST=$FIRST BOOK_SLOTS=$SLOTS BOOK_STEP=900 BOOK_THREADS=2 \
      wrk -t2 -c"$c" -d"$DURATION" --latency -s "$HERE/book.lua" "$URL" | grep '^BOOKINGS')
    echo "$kind POST book10 c=$c $line"
    stop; [ "$kind" = rust-postgres ] && drop_pg "$n"
  done
done
