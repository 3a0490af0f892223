#!/usr/bin/env bash
# The Secrets of deploy/kubernetes that no operator makes (run with kubectl pointed at the cluster):
#
#   secrets.sh fleet    make, where missing, the fleet secret (portwatch-fleet, key fleet-secret: the probes' keys
#                       derive from it; portwatch only) and the enrol secret (portwatch-fleet-enrol, key
#                       enrol-secret: what a probe presents once to enrol; portwatch and portwatch-probes), 32
#                       random bytes each. Never replaced: a new fleet secret changes every probe's key.
#   secrets.sh probes   copy Strimzi's Secrets the probe DaemonSet mounts from portwatch into portwatch-probes: the
#                       cluster CA's certificate (portwatch-cluster-ca-cert, ca.crt) and the probe-service
#                       KafkaUser's keystore (probe-service, user.p12 and user.password). Run it again whenever
#                       Strimzi renews them (the user operator and the cluster operator log it).
#   secrets.sh macos DIR
#                       write what a probe outside the cluster needs (deploy/macos, docs/macos.md) into DIR (mode
#                       700), laid out as its state directory: enrol-secret, kafka/ca.crt, kafka/user/user.p12 and
#                       kafka/user/user.password (the probe-external KafkaUser), and kafka/bootstrap (the external
#                       listener's bootstrap address, for probe.properties). Again whenever Strimzi renews them.
set -euo pipefail
NAMESPACE=${PORTWATCH_NAMESPACE:-portwatch}
PROBES_NAMESPACE=${PORTWATCH_PROBES_NAMESPACE:-portwatch-probes}

die() { printf '[secrets] error: %s\n' "$*" >&2; exit 1; }
say() { printf '[secrets] %s\n' "$*" >&2; }

# random_secret NAMESPACE NAME KEY: a Secret with 32 random bytes (base64) under KEY, unless NAME exists.
random_secret() {
  if kubectl -n "$1" get secret "$2" >/dev/null 2>&1; then
    say "$1/$2 exists: kept"
    return
  fi
  kubectl -n "$1" create secret generic "$2" --from-literal="$3=$(openssl rand -base64 32)" >/dev/null
  say "made $1/$2"
}

fleet() {
  random_secret "$NAMESPACE" portwatch-fleet fleet-secret
  random_secret "$NAMESPACE" portwatch-fleet-enrol enrol-secret
  # The probes' copy must hold the same enrol secret as alert-service's.
  local enrol; enrol=$(kubectl -n "$NAMESPACE" get secret portwatch-fleet-enrol -o jsonpath='{.data.enrol-secret}' | base64 -d)
  kubectl -n "$PROBES_NAMESPACE" create secret generic portwatch-fleet-enrol --from-literal="enrol-secret=$enrol" \
    --dry-run=client -o yaml | kubectl apply -f - >/dev/null
  say "made $PROBES_NAMESPACE/portwatch-fleet-enrol (alert-service's enrol secret)"
}

# copy NAME KEY...: the Secret NAME of $NAMESPACE, only these keys, into $PROBES_NAMESPACE.
copy() {
  local name=$1; shift
  local dir; dir=$(umask 077 && mktemp -d)
  trap 'rm -rf "$dir"' RETURN
  local files=()
  for key in "$@"; do
    kubectl -n "$NAMESPACE" get secret "$name" -o "jsonpath={.data.${key//./\\.}}" | base64 -d > "$dir/$key"
    [ -s "$dir/$key" ] || die "$NAMESPACE/$name has no $key yet: wait until Strimzi has made it"
    files+=(--from-file="$key=$dir/$key")
  done
  kubectl -n "$PROBES_NAMESPACE" create secret generic "$name" "${files[@]}" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
  say "copied $NAMESPACE/$name ($*) into $PROBES_NAMESPACE"
}

probes() {
  copy portwatch-cluster-ca-cert ca.crt
  copy probe-service user.p12 user.password
}

# secret_file NAME KEY FILE: the key KEY of the Secret NAME of $NAMESPACE, into FILE (mode 600).
secret_file() {
  kubectl -n "$NAMESPACE" get secret "$1" -o "jsonpath={.data.${2//./\\.}}" | base64 -d > "$3"
  [ -s "$3" ] || die "$NAMESPACE/$1 has no $2 yet: wait until Strimzi has made it (or run: secrets.sh fleet)"
}

macos() {
  local dir=${1:?usage: secrets.sh macos DIR}
  (umask 077 && mkdir -p "$dir/kafka/user")
  umask 077
  secret_file portwatch-fleet-enrol enrol-secret "$dir/enrol-secret"
  secret_file portwatch-cluster-ca-cert ca.crt "$dir/kafka/ca.crt"
  secret_file probe-external user.p12 "$dir/kafka/user/user.p12"
  secret_file probe-external user.password "$dir/kafka/user/user.password"
  kubectl -n "$NAMESPACE" get kafka portwatch \
    -o jsonpath='{.status.listeners[?(@.name=="external")].bootstrapServers}' > "$dir/kafka/bootstrap"
  [ -s "$dir/kafka/bootstrap" ] || die "the Kafka portwatch has no external listener address yet (kubectl -n $NAMESPACE get kafka portwatch)"
  say "wrote $dir: enrol-secret, kafka/ca.crt, kafka/user/user.p12, kafka/user/user.password, kafka/bootstrap"
}

case "${1:-}" in
  fleet) fleet ;;
  probes) probes ;;
  macos) macos "${2:-}" ;;
  *) echo "usage: $0 fleet | probes | macos DIR" >&2; exit 2 ;;
esac
