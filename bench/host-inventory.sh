#!/usr/bin/env bash
# One full host scan of probe-service (socket tables + process attribution) against `ss -tulpn`, in one run.
#
# The simulators open BENCH_LISTENERS idle TCP listeners on 127.0.0.1; probe-service (host mode, a scan
# every second) times its scans in the portwatch.probe.host.scan timer; the mean of BENCH_SCANS scans
# after warm-up is compared with the mean of as many `ss -tulpn` runs. Prints both, the ratio
# (target: probe <= 1.0x ss) and how many listeners each saw. Nothing is sent on the network.
#
#   bench/host-inventory.sh
#   BENCH_LISTENERS=2000 BENCH_SCANS=5 bench/host-inventory.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PORTWATCH_STATE=${PORTWATCH_STATE:-$ROOT/.portwatch/bench}
source "$ROOT/deploy/local/lib.sh"
source "$ROOT/bench/probe-lib.sh"

LISTENERS=${BENCH_LISTENERS:-10000}
SCANS=${BENCH_SCANS:-10}
WORK=$PORTWATCH_STATE/host-inventory
PROBE_PORT=18383
export PORTWATCH_KAFKA_PORT=19392

command -v ss >/dev/null || die "ss is missing: apt-get install iproute2"
[ "$(ulimit -n)" -gt $((LISTENERS + 1000)) ] || ulimit -n $((LISTENERS + 2000)) || die "raise the open-files limit above $LISTENERS"
build_probe_and_simulators
start_broker

say "opening $LISTENERS listeners on 127.0.0.1"
start_simulators "$LISTENERS listeners on 127.0.0.1" --services none --bulk "$LISTENERS"
start_probe -Dportwatch.probe.host-mode.interval=1s
scan_timer() { # prints "count sum_seconds" of the host scan timer
  curl -sf "http://127.0.0.1:$PROBE_PORT/q/metrics" | awk '
    /^portwatch_probe_host_scan_seconds_count/ { c = $2 } /^portwatch_probe_host_scan_seconds_sum/ { s = $2 }
    END { printf "%d %s\n", c, (s == "" ? 0 : s) }'
}
scans_at_least() { [ "$(scan_timer | cut -d' ' -f1)" -ge "$1" ]; }
wait_until 120 "probe-service scanning (3 warm-up scans)" scans_at_least 3 || die "probe did not scan; see $WORK/probe.log"
read -r count0 sum0 < <(scan_timer)
wait_until $((SCANS * 10 + 60)) "$SCANS more scans" scans_at_least $((count0 + SCANS)) || die "probe stopped scanning; see $WORK/probe.log"
read -r count1 sum1 < <(scan_timer)
probe_ms=$(awk -v a="$sum0" -v b="$sum1" -v n="$((count1 - count0))" 'BEGIN { printf "%.1f", (b - a) * 1000 / n }')
probe_seen=$(curl -sf "http://127.0.0.1:$PROBE_PORT/api/v1/listeners" | jq length)

say "running ss -tulpn $SCANS times"
ss_seen=$(ss -H -tulpn | wc -l)
started=$(date +%s%N)
for _ in $(seq 1 "$SCANS"); do ss -H -tulpn > /dev/null; done
ss_ms=$(awk -v s="$started" -v e="$(date +%s%N)" -v n="$SCANS" 'BEGIN { printf "%.1f", (e - s) / 1e6 / n }')

printf '\n%-52s %10s %10s\n' "one full host scan with process attribution" "ms" "listeners"
printf '%-52s %10s %10s\n' "probe-service (mean of $SCANS scans, after warm-up)" "$probe_ms" "$probe_seen"
printf '%-52s %10s %10s\n' "ss -tulpn (mean of $SCANS runs)" "$ss_ms" "$ss_seen"
awk -v p="$probe_ms" -v s="$ss_ms" 'BEGIN { printf "ratio probe/ss: %.2fx (target <= 1.0x)\n", p / s }'
