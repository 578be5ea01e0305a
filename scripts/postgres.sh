#!/usr/bin/env bash
# Starts a PostgreSQL server for bookable-server's tests (and for trying it): Debian's
# postgresql package (installed when missing), its cluster started, and a role `bookable`
# (password `bookable`, allowed to create databases) on 127.0.0.1:5432. Safe to run again.
# Prints the URL the tests use: postgres://bookable:bookable@127.0.0.1:5432/postgres
set -euo pipefail
log() { echo "postgres.sh: $*"; }

if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  log "apt-get install postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$version main"; then
  log "pg_createcluster $version main"
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -qx online; then
  log "starting the $version/main cluster"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
for _ in $(seq 1 50); do
  if su postgres -c "psql -qtAc 'SELECT 1'" >/dev/null 2>&1; then break; fi
  sleep 0.2
done
su postgres -c "psql -qtAc \"DO \\\$\\\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bookable') THEN
    CREATE ROLE bookable LOGIN PASSWORD 'bookable' CREATEDB;
  END IF; END \\\$\\\$;\"" >/dev/null
echo "postgres://bookable:bookable@127.0.0.1:5432/postgres"
