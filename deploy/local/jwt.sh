#!/usr/bin/env bash
# Keys and tokens for local runs: an RSA key pair made here (never committed) and tokens signed
# with it, which the services accept (issuer "portwatch").
#
#   jwt.sh keys                      make $PORTWATCH_STATE/jwt/{private,public}.pem if missing
#   jwt.sh token SUBJECT ROLE [HOURS]  print a token for SUBJECT with ROLE in its groups (default 8 h)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DIR=$PORTWATCH_STATE/jwt

keys() {
  [ -f "$DIR/private.pem" ] && return
  mkdir -p "$DIR"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$DIR/private.pem" 2>/dev/null
  openssl pkey -in "$DIR/private.pem" -pubout -out "$DIR/public.pem"
  chmod 600 "$DIR/private.pem"
  say "made a key pair in $DIR"
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

token() {
  local subject=$1 role=$2 hours=${3:-8}
  [[ "$subject" =~ ^[A-Za-z0-9._@-]+$ && "$role" =~ ^[a-z-]+$ && "$hours" =~ ^[0-9]+$ ]] || die "usage: $0 token SUBJECT ROLE [HOURS]"
  keys
  local now; now=$(date +%s)
  local header payload signature
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"iss":"portwatch","sub":"%s","upn":"%s","groups":["%s"],"iat":%d,"exp":%d}' \
    "$subject" "$subject" "$role" "$now" $((now + hours * 3600)) | b64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$DIR/private.pem" -binary | b64url)
  printf '%s.%s.%s\n' "$header" "$payload" "$signature"
}

case "${1:-}" in
  keys) keys ;;
  token) shift; [ $# -ge 2 ] || die "usage: $0 token SUBJECT ROLE [HOURS]"; token "$@" ;;
  *) echo "usage: $0 keys | token SUBJECT ROLE [HOURS]" >&2; exit 2 ;;
esac
