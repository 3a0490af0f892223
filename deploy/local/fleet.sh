#!/usr/bin/env bash
# The fleet's secrets for local runs (docs/fleet.md), made here and never committed: the fleet secret that
# alert-service derives every probe key from, and the enrol secret probes exchange for an identity.
#
#   fleet.sh secrets    make $PORTWATCH_STATE/fleet/{secret,enrol-secret} (mode 0600) if missing
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DIR=$PORTWATCH_STATE/fleet

secret() {
  local file=$1
  [ -f "$file" ] && return
  (umask 077 && openssl rand -base64 48 > "$file")
  say "made $file"
}

secrets() {
  mkdir -p "$DIR"
  chmod 700 "$DIR"
  secret "$DIR/secret"
  secret "$DIR/enrol-secret"
}

case "${1:-}" in
  secrets) secrets ;;
  *) echo "usage: $0 secrets" >&2; exit 2 ;;
esac
