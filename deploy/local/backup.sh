#!/usr/bin/env bash
# Backups of the local stack (docs/operations.md#backups): both databases (pg_dump -Fc), the fleet's secrets and
# the probes' identities, a manifest and checksums. Nothing of Kafka's state is kept: the knowledge topic is
# rebuilt from the registry's database (the registry republishes it after a restore), the listener topics are
# transient input the probes send again (a SNAPSHOT at each start), and the alert database holds the findings
# and the outbox of what is still to be published. ./portwatch backup|restore stop and start the services around it.
#
#   backup.sh save DIR      write a backup into DIR (created; it must not hold one already)
#   backup.sh check DIR     whether DIR holds a complete, undamaged backup (nothing is changed)
#   backup.sh load DIR      check, then replace both databases and the fleet's files with the backup's
#                           (the services must be stopped: ./portwatch restore does that)
#
# PostgreSQL's tools run as the postgres user (root needed); they read and write the dumps through their standard
# input and output, so DIR needs to be readable by root only (the checkout may be private). A backup holds the
# fleet's secrets: DIR is made mode 0700.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PG_PORT=${PORTWATCH_PG_PORT:-5432}
FORMAT=portwatch-backup/1
FLEET=$PORTWATCH_STATE/fleet
# The stack's databases by owner (tests run a stack of their own: their names carry a suffix).
OWNERS=(registry alert)
database_of() { echo "portwatch_$1${PORTWATCH_DATABASE_SUFFIX:-}"; }

needs_root_and_postgres() {
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL's tools run as the postgres user: run this as root"
  command -v pg_dump >/dev/null && command -v pg_restore >/dev/null \
    || die "pg_dump and pg_restore are missing: apt-get install postgresql-client"
  pg_isready -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null \
    || die "PostgreSQL does not answer on 127.0.0.1:$PG_PORT: start it (./portwatch up or deploy/local/postgres.sh start)"
}

psql_value() { as_postgres psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qtA "$@"; }

save() {
  local dir=$1
  if [ -e "$dir" ]; then
    [ -d "$dir" ] || die "$dir exists and is not a directory"
    [ -z "$(ls -A "$dir")" ] || die "$dir is not empty: give a new directory (a backup never overwrites another)"
  else
    local parent; parent=$(dirname "$dir")
    while [ ! -e "$parent" ]; do parent=$(dirname "$parent"); done
    [ -d "$parent" ] || die "cannot create $dir: $parent is not a directory"
  fi
  needs_root_and_postgres
  mkdir -p "$dir" || die "cannot create $dir"
  chmod 700 "$dir"
  local owner database schema entries=()
  for owner in "${OWNERS[@]}"; do
    database=$(database_of "$owner")
    [ -n "$(psql_value -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" ] \
      || die "the database $database does not exist (was the stack ever up?)"
    # One consistent snapshot per database: the services may go on writing meanwhile.
    as_postgres pg_dump -p "$PG_PORT" -Fc -d "$database" > "$dir/$owner.dump" \
      || die "pg_dump of $database failed (its message is above)"
    schema=$(psql_value -d "$database" -c "SELECT coalesce(max(version), 'none') FROM flyway_schema_history WHERE success" 2>/dev/null \
      || echo none)
    entries+=("$(printf '    {"owner": "%s", "database": "%s", "file": "%s.dump", "bytes": %s, "schemaVersion": "%s"}' \
      "$owner" "$database" "$owner" "$(stat -c %s "$dir/$owner.dump")" "$schema")")
    say "dumped $database ($(du -h "$dir/$owner.dump" | cut -f1))"
  done
  local fleet=false
  if [ -d "$FLEET" ]; then
    # The probes' keys derive from the fleet secret, and the alert database holds their enrolments: they go together.
    cp -a "$FLEET" "$dir/fleet"
    fleet=true
  fi
  local joined; joined=$(IFS=$'\n'; echo "${entries[*]}" | sed '$!s/$/,/')
  cat > "$dir/manifest.json" <<JSON
{
  "format": "$FORMAT",
  "created": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "portwatch": {"version": "$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p;T;q' "$PORTWATCH_ROOT/pom.xml")", "commit": "$(git -C "$PORTWATCH_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"},
  "postgresql": {"server": "$(psql_value -c 'SHOW server_version')", "pg_dump": "$(pg_dump --version | sed 's/^pg_dump (PostgreSQL) //')"},
  "databases": [
$joined
  ],
  "fleet": $fleet,
  "kafka": {
    "kept": "nothing",
    "portwatch.port-knowledge": "rebuilt from the registry database: the registry republishes every entry on its first start after a restore",
    "portwatch.listeners": "transient input: each probe sends a SNAPSHOT of what it sees when it starts, which reconciles the restored findings",
    "portwatch.alerts": "the alert database's outbox holds every change not yet published; changes made after the backup are lost with it"
  }
}
JSON
  (cd "$dir" && find . -type f ! -name SHA256SUMS -printf '%P\n' | sort | xargs -d '\n' sha256sum > SHA256SUMS)
  say "backup written to $dir"
}

check() {
  local dir=$1
  [ -e "$dir" ] || die "$dir does not exist"
  [ -d "$dir" ] || die "$dir is not a directory"
  [ -r "$dir" ] && [ -x "$dir" ] || die "cannot read $dir (permissions)"
  [ -f "$dir/manifest.json" ] || die "$dir has no manifest.json: not a backup written by ./portwatch backup"
  grep -q "\"format\": \"$FORMAT\"" "$dir/manifest.json" \
    || die "$dir/manifest.json is not of the format $FORMAT this version restores"
  [ -f "$dir/SHA256SUMS" ] || die "$dir has no SHA256SUMS: the backup is incomplete"
  local owner damaged
  for owner in "${OWNERS[@]}"; do
    grep -q "^[0-9a-f]\{64\}  $owner.dump\$" "$dir/SHA256SUMS" || die "$dir/SHA256SUMS does not list $owner.dump: the backup is incomplete"
    [ -f "$dir/$owner.dump" ] || die "$dir/$owner.dump is missing: the backup is incomplete"
  done
  damaged=$(cd "$dir" && sha256sum --quiet -c SHA256SUMS 2>&1) || die "$dir is damaged: $(echo "$damaged" | tr '\n' ' ')"
  command -v pg_restore >/dev/null || die "pg_restore is missing: apt-get install postgresql-client"
  for owner in "${OWNERS[@]}"; do
    pg_restore --list < "$dir/$owner.dump" >/dev/null 2>&1 || die "$dir/$owner.dump is not a pg_dump archive pg_restore can read"
  done
}

load() {
  local dir=$1 owner database
  check "$dir"
  needs_root_and_postgres
  for owner in "${OWNERS[@]}"; do
    database=$(database_of "$owner")
    # A fresh database rather than pg_restore --clean alone: --clean leaves tables a newer schema added, and
    # Flyway would then meet tables its restored history does not know.
    "$PORTWATCH_ROOT/deploy/local/postgres.sh" database "$database" "$owner" --fresh
    as_postgres pg_restore -p "$PG_PORT" -d "$database" --exit-on-error --single-transaction < "$dir/$owner.dump" \
      || die "pg_restore into $database failed (its message is above); the database is empty: restore again once fixed"
    say "restored $database from $dir/$owner.dump"
  done
  if [ -d "$dir/fleet" ]; then
    rm -rf "$FLEET"
    cp -a "$dir/fleet" "$FLEET"
    chmod 700 "$FLEET"
    say "restored the fleet's secrets and the probes' identities"
  fi
}

[ $# -eq 2 ] || { echo "usage: $0 save|check|load DIR" >&2; exit 2; }
case "$1" in
  save) save "$2" ;;
  check) check "$2" ;;
  load) load "$2" ;;
  *) echo "usage: $0 save|check|load DIR" >&2; exit 2 ;;
esac
