#!/usr/bin/env bash
# TCP connect sweep of 127.0.0.1 ports 1-65535: probe-service's network mode against nmap -sT, in one run.
#
# The simulators open BENCH_OPEN plain TCP services on 127.0.0.1 (beside whatever else listens there);
# probe-service sweeps all 65535 ports through POST /api/v1/scans (tcp only, no protocol evidence, paced
# at BENCH_RATE connects/s with BENCH_IN_FLIGHT at once); then `nmap -sT -p- -T5 -n -Pn 127.0.0.1`
# (Debian's nmap) does the same. Prints both times, the ratio (target: probe at least 2x faster) and
# whether the two open-port sets are identical. Each side gets a warm-up run, then BENCH_RUNS (5) timed
# runs; the medians are compared (nmap's time here is bimodal, about 1 s or 2 s). Traffic stays on 127.0.0.1.
#
#   bench/tcp-sweep.sh
#   BENCH_RATE=50000 BENCH_IN_FLIGHT=512 bench/tcp-sweep.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PORTWATCH_STATE=${PORTWATCH_STATE:-$ROOT/.portwatch/bench}
source "$ROOT/deploy/local/lib.sh"
source "$ROOT/bench/probe-lib.sh"

OPEN=${BENCH_OPEN:-20}
RATE=${BENCH_RATE:-1000000}
IN_FLIGHT=${BENCH_IN_FLIGHT:-1024}
WORK=$PORTWATCH_STATE/tcp-sweep
PROBE_PORT=18483
TARGET=127.0.0.1
RUNS=${BENCH_RUNS:-5}
export PORTWATCH_KAFKA_PORT=19492

for tool in nmap jq curl; do
  command -v "$tool" >/dev/null || { say "installing $tool"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done
build_probe_and_simulators
start_broker

ports=$(seq 41001 $((41000 + OPEN)) | paste -sd,)
start_simulators "$OPEN TCP services on $TARGET" --services none --extra-ports "$ports"
start_probe -Dportwatch.probe.host-mode.enabled=false -Dportwatch.probe.network-mode.packets-per-second="$RATE" \
  -Dportwatch.probe.network-mode.max-in-flight="$IN_FLIGHT"
ready() { curl -sf "http://127.0.0.1:$PROBE_MANAGEMENT_PORT/q/health/ready" >/dev/null; }
wait_until 60 "probe-service ready" ready || die "probe did not start; see $WORK/probe.log"
TOKEN=$("$ROOT/deploy/local/jwt.sh" token bench operator)

sweep() { # runs one sweep through the API; prints the scan's JSON when done
  local id
  id=$(curl -sf -X POST "http://127.0.0.1:$PROBE_PORT/api/v1/scans" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"targets\":[\"$TARGET\"],\"ports\":\"1-65535\",\"transports\":[\"tcp\"],\"evidence\":false}" | jq -r .id)
  local deadline=$((SECONDS + 300))
  until curl -sf "http://127.0.0.1:$PROBE_PORT/api/v1/scans/$id" -H "Authorization: Bearer $TOKEN" | jq -e '.state == "DONE" or .state == "FAILED"' >/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || die "scan $id did not finish in 300 s"
    sleep 0.2
  done
  curl -sf "http://127.0.0.1:$PROBE_PORT/api/v1/scans/$id" -H "Authorization: Bearer $TOKEN"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
epoch() { date -d "$1" +%s.%N; }
say "warm-up sweep, then $RUNS sweeps of $TARGET:1-65535 (the median counts)"
sweep > /dev/null
for run in $(seq 1 "$RUNS"); do
  sweep > "$WORK/probe-scan.json"
  jq -e '.state == "DONE"' "$WORK/probe-scan.json" >/dev/null || die "the scan failed: $(jq -r .error "$WORK/probe-scan.json")"
  awk -v s="$(epoch "$(jq -r .startedAt "$WORK/probe-scan.json")")" -v e="$(epoch "$(jq -r .finishedAt "$WORK/probe-scan.json")")" \
    'BEGIN { printf "%.2f\n", e - s }'
done > "$WORK/probe-times.txt"
probe_s=$(median < "$WORK/probe-times.txt")
jq -r '.results[0].listeners[].port' "$WORK/probe-scan.json" | sort -n > "$WORK/probe-open.txt"

say "warm-up, then $RUNS runs of nmap -sT -p- -T5 -n -Pn $TARGET (the median counts)"
nmap -sT -p- -T5 -n -Pn "$TARGET" -oG /dev/null > /dev/null
for run in $(seq 1 "$RUNS"); do
  started=$(date +%s%N)
  nmap -sT -p- -T5 -n -Pn "$TARGET" -oG "$WORK/nmap.gnmap" > /dev/null
  awk -v s="$started" -v e="$(date +%s%N)" 'BEGIN { printf "%.2f\n", (e - s) / 1e9 }'
done > "$WORK/nmap-times.txt"
nmap_s=$(median < "$WORK/nmap-times.txt")
grep -o 'Ports: .*' "$WORK/nmap.gnmap" | tr ',' '\n' | awk -F/ '$2 == "open" { gsub(/[^0-9]/, "", $1); print $1 }' | sort -n > "$WORK/nmap-open.txt"

printf '\n%-44s %10s %10s\n' "TCP connect sweep of $TARGET:1-65535" "seconds" "open"
printf '%-44s %10s %10s   %s\n' "probe-service ($RATE/s, $IN_FLIGHT in flight)" "$probe_s" "$(wc -l < "$WORK/probe-open.txt")" \
  "runs: $(paste -sd' ' "$WORK/probe-times.txt")"
printf '%-44s %10s %10s   %s\n' "nmap -sT -p- -T5" "$nmap_s" "$(wc -l < "$WORK/nmap-open.txt")" "runs: $(paste -sd' ' "$WORK/nmap-times.txt")"
awk -v p="$probe_s" -v n="$nmap_s" 'BEGIN { printf "probe-service is %.1fx as fast as nmap (target >= 2x)\n", n / p }'
if diff -q "$WORK/probe-open.txt" "$WORK/nmap-open.txt" >/dev/null; then
  echo "open-port sets: identical"
else
  echo "open-port sets: DIFFERENT"; diff "$WORK/probe-open.txt" "$WORK/nmap-open.txt" || true
fi
