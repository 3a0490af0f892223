#!/usr/bin/env bash
# PostgreSQL from Debian's packages, for local runs and tests: installs the package when it is
# missing, starts the cluster, and creates Portwatch's roles and databases. Idempotent.
#
#   postgres.sh start                      install if missing, start, create the default databases
#   postgres.sh database NAME OWNER [--fresh]  create role OWNER (password = OWNER) and database NAME;
#                                          --fresh drops the database first (tests)
#   postgres.sh stop|status
#
# The roles are for loopback development only: in Kubernetes the credentials come from the
# operator's secrets (see deploy/kubernetes).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PG_PORT=${PORTWATCH_PG_PORT:-5432}

psql_admin() { PGOPTIONS="--client-min-messages=warning" as_postgres psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qtA "$@"; }

install_if_missing() {
  command -v pg_lsclusters >/dev/null && [ -n "$(pg_lsclusters -h 2>/dev/null)" ] && return
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL is not installed; run as root, or: sudo apt-get install -y postgresql"
  say "installing Debian's postgresql package"
  if ! command -v pg_lsclusters >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  [ -n "$(pg_lsclusters -h)" ] || pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -1)" main >&2
}

cluster() { pg_lsclusters -h | awk -v port="$PG_PORT" '$3 == port { print $1, $2; exit }'; }

start() {
  install_if_missing
  local version name
  read -r version name <<<"$(cluster)"
  [ -n "${version:-}" ] || die "no PostgreSQL cluster listens on port $PG_PORT (pg_lsclusters shows them)"
  if ! pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
    say "starting PostgreSQL $version/$name on 127.0.0.1:$PG_PORT"
    pg_ctlcluster "$version" "$name" start
    wait_until 60 "PostgreSQL accepts connections" pg_isready -q -h 127.0.0.1 -p "$PG_PORT" \
      || die "PostgreSQL did not start within 60 s (see /var/log/postgresql/)"
  fi
  database portwatch_registry registry
  database portwatch_alert alert
}

database() {
  local name=$1 owner=$2 fresh=${3:-}
  [[ "$name" =~ ^[a-z_][a-z0-9_]*$ && "$owner" =~ ^[a-z_][a-z0-9_]*$ ]] || die "database and role names are lower-case identifiers"
  psql_admin -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$owner') THEN
        CREATE ROLE $owner LOGIN PASSWORD '$owner';
      END IF;
    END \$\$;"
  if [ "$fresh" = "--fresh" ]; then
    psql_admin -c "DROP DATABASE IF EXISTS $name WITH (FORCE)"
  fi
  if [ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$name'")" ]; then
    psql_admin -c "CREATE DATABASE $name OWNER $owner"
    say "created database $name owned by $owner"
  fi
}

status() {
  if pg_isready -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; then
    echo "postgres: running, 127.0.0.1:$PG_PORT"
  else
    echo "postgres: stopped"
    return 3
  fi
}

stop() {
  local version name
  read -r version name <<<"$(cluster)"
  [ -n "${version:-}" ] && pg_ctlcluster "$version" "$name" stop || true
  say "PostgreSQL stopped"
}

case "${1:-}" in
  start) start ;;
  database) shift; [ $# -ge 2 ] || die "usage: $0 database NAME OWNER [--fresh]"; database "$@" ;;
  stop) stop ;;
  status) status || exit $? ;;  # its exit code says what is down: not an error to report
  *) echo "usage: $0 start|stop|status|database NAME OWNER [--fresh]" >&2; exit 2 ;;
esac
