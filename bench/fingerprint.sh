#!/usr/bin/env bash
# The SNAPSHOT fingerprint of alert-service's listener consumer (memo.SnapshotFingerprints), on one thread, against
# the scan it replaces for a repeat: Jackson's tokeniser over the whole record, in the same run (bench/src/FingerprintBench.java).
# Each round reads BENCH_HOSTS new SNAPSHOTs (scanned), then their repeats (recognised by their bytes), then SHA-256
# alone over the same bytes (what recognising a repeat by a digest paid before: bench/RESULTS.md, alert-fingerprint-bytes-29b). Prints ns per record of each, medians after two warm-up
# rounds, and the ratio. No network, no service: the classes of a built alert-service (BENCH_ALERT_APP, default
# alert-service/target/quarkus-app; built if missing).
#
#   bench/fingerprint.sh
#   BENCH_HOSTS=50000 BENCH_ROUNDS=15 bench/fingerprint.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HOSTS=${BENCH_HOSTS:-20000}
ROUNDS=${BENCH_ROUNDS:-9}
APP=${BENCH_ALERT_APP:-$ROOT/alert-service/target/quarkus-app}
if [ "$ROUNDS" -lt 3 ] || [ "$HOSTS" -lt 1 ]; then
  echo "fingerprint: BENCH_ROUNDS must be 3 or more (two are warm-up) and BENCH_HOSTS 1 or more" >&2
  exit 2
fi

if [ ! -f "$APP/quarkus-run.jar" ]; then
  (cd "$ROOT" && ./mvnw -B -q -pl alert-service -am package -DskipTests)
fi
java -Xmx1g -cp "$APP/app/*:$APP/lib/main/*" "$ROOT/bench/src/FingerprintBench.java" "$HOSTS" "$ROUNDS"
