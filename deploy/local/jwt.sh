#!/usr/bin/env bash
# Keys and tokens for local runs: an RSA key pair made here (never committed) and tokens signed
# with it, which the services accept (issuer "portwatch").
#
#   jwt.sh keys                      make $PORTWATCH_STATE/jwt/{private,public}.pem if missing
#   jwt.sh token SUBJECT ROLE [MINUTES] [AUDIENCES]
#                                    print a token for SUBJECT with ROLE in its groups, valid MINUTES (default
#                                    and most: 60, the services' smallrye.jwt.time-to-live) for the comma-separated
#                                    AUDIENCES (default every service's, so one token serves the CLI everywhere)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DIR=$PORTWATCH_STATE/jwt
MAX_MINUTES=60
ALL_AUDIENCES=portwatch-registry,portwatch-alert,portwatch-probe
USAGE="token SUBJECT ROLE [MINUTES] [AUDIENCES]"

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
  local subject=$1 role=$2 minutes=${3:-$MAX_MINUTES} audiences=${4:-$ALL_AUDIENCES}
  [[ "$subject" =~ ^[A-Za-z0-9._@-]+$ && "$role" =~ ^[a-z-]+$ && "$minutes" =~ ^[0-9]+$ && "$audiences" =~ ^[a-z-]+(,[a-z-]+)*$ ]] \
    || die "usage: $0 $USAGE"
  [ "$minutes" -ge 1 ] && [ "$minutes" -le "$MAX_MINUTES" ] \
    || die "MINUTES must lie between 1 and $MAX_MINUTES: the services refuse tokens that live longer"
  keys
  local now; now=$(date +%s)
  local header payload signature
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"iss":"portwatch","sub":"%s","upn":"%s","aud":["%s"],"groups":["%s"],"iat":%d,"exp":%d}' \
    "$subject" "$subject" "${audiences//,/\",\"}" "$role" "$now" $((now + minutes * 60)) | b64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$DIR/private.pem" -binary | b64url)
  printf '%s.%s.%s\n' "$header" "$payload" "$signature"
}

case "${1:-}" in
  keys) keys ;;
  token) shift; [ $# -ge 2 ] || die "usage: $0 $USAGE"; token "$@" ;;
  *) echo "usage: $0 keys | $USAGE" >&2; exit 2 ;;
esac
