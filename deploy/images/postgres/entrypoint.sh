#!/usr/bin/env bash
# Entrypoint of portwatch/postgres: initdb on first start (superuser password from POSTGRES_PASSWORD,
# password authentication over TCP), one database per "database:owner:password" of PORTWATCH_DATABASES
# (space-separated), then PostgreSQL in the foreground.
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
: "${PGDATA:?}" "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"

# A marker written last: a first start killed half-way (databases not all created) starts over.
if [ ! -f "$PGDATA/.portwatch-initialised" ]; then
  find "$PGDATA" -mindepth 1 -delete
  "$BIN/initdb" -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") >/dev/null
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  printf 'host all all all scram-sha-256\n' >> "$PGDATA/pg_hba.conf"
  "$BIN/pg_ctl" -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
  for spec in ${PORTWATCH_DATABASES:-}; do
    IFS=: read -r database owner password <<<"$spec"
    "$BIN/psql" -v ON_ERROR_STOP=1 -q -U postgres -d postgres \
      -v owner="$owner" -v password="$password" -v database="$database" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"owner";
SQL
    echo "portwatch-postgres: database $database owned by $owner"
  done
  "$BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
  touch "$PGDATA/.portwatch-initialised"
fi
exec "$BIN/postgres" -D "$PGDATA"
