#!/usr/bin/env bash
# TCP connect sweep of 127.0.0.1 ports 1-65535: probe-service's network mode against nmap -sT, in one run.
#
# The simulators open BENCH_OPEN plain TCP services on 127.0.0.1 (beside whatever else listens there);
# probe-service sweeps all 65535 ports through POST /api/v1/scans (tcp only, no protocol evidence, paced
# at BENCH_RATE connects/s with BENCH_IN_FLIGHT at once); then `nmap -sT -p- -T5 -n -Pn 127.0.0.1`
# (Debian's nmap) does the same. Prints both times, the ratio (target: probe at least 2x faster) and
# whether the two open-port sets are identical. Each side gets a warm-up run, then BENCH_RUNS (5) timed
# runs; the medians are compared (nmap's time here is bimodal, about 1 s or 2 s). masscan (Debian's), the limit to
# compare with, is run on the loopback adapter only (--adapter lo: never on a route that leaves the machine), bounded
# by a 60 s timeout; it sends raw Ethernet frames, which lo drops (see bench/RESULTS.md), so it finds nothing here.
# Also prints CPU a port: the probe JVM's utime + stime over the timed sweeps (from /proc/<pid>/stat, every thread of it
# counted: JIT, HTTP, Kafka) and nmap's (/usr/bin/time, when it is there), each divided by the ports swept; and the
# ratio against nmap's fastest run (nmap -sT's CPU-bound mode, without its second of waiting).
# Writes its section of bench/RESULTS.md (date, machine, every run, medians). Traffic stays on 127.0.0.1.
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
# The simulators' ports: below the kernel's ephemeral range (32768-60999), which a busy machine's connections take.
OPEN_BASE=${BENCH_OPEN_BASE:-23000}
WORK=$PORTWATCH_STATE/tcp-sweep
PROBE_PORT=${BENCH_PROBE_PORT:-18483}
TARGET=127.0.0.1
RUNS=${BENCH_RUNS:-5}
export PORTWATCH_KAFKA_PORT=${BENCH_KAFKA_PORT:-19492}
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

for tool in nmap jq curl; do
  command -v "$tool" >/dev/null || { say "installing $tool"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done
build_probe_and_simulators
start_broker

ports=$(seq $((OPEN_BASE + 1)) $((OPEN_BASE + OPEN)) | paste -sd,)
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
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # utime + stime of a process, every thread, in clock ticks
per_port_us() { awk -v s="$1" -v hz="$(getconf CLK_TCK)" -v n="$((RUNS * 65535))" 'BEGIN { printf "%.1f", s * 1e6 / hz / n }'; }
epoch() { date -d "$1" +%s.%N; }
say "warm-up sweep, then $RUNS sweeps of $TARGET:1-65535 (the median counts)"
sweep > /dev/null
probe_ticks=$(cpu_ticks "$(cat "$WORK/probe.pid")")
for run in $(seq 1 "$RUNS"); do
  sweep > "$WORK/probe-scan.json"
  jq -e '.state == "DONE"' "$WORK/probe-scan.json" >/dev/null || die "the scan failed: $(jq -r .error "$WORK/probe-scan.json")"
  awk -v s="$(epoch "$(jq -r .startedAt "$WORK/probe-scan.json")")" -v e="$(epoch "$(jq -r .finishedAt "$WORK/probe-scan.json")")" \
    'BEGIN { printf "%.2f\n", e - s }'
done > "$WORK/probe-times.txt"
probe_cpu_us=$(per_port_us $(($(cpu_ticks "$(cat "$WORK/probe.pid")") - probe_ticks)))
probe_s=$(median < "$WORK/probe-times.txt")
jq -r '.results[0].listeners[].port' "$WORK/probe-scan.json" | sort -n > "$WORK/probe-open.txt"

say "warm-up, then $RUNS runs of nmap -sT -p- -T5 -n -Pn $TARGET (the median counts)"
nmap -sT -p- -T5 -n -Pn "$TARGET" -oG /dev/null > /dev/null
rm -f "$WORK/nmap-cpu.txt"
timed=(); [ -x /usr/bin/time ] && timed=(/usr/bin/time -a -o "$WORK/nmap-cpu.txt" -f '%U %S')
for run in $(seq 1 "$RUNS"); do
  started=$(date +%s%N)
  "${timed[@]}" nmap -sT -p- -T5 -n -Pn "$TARGET" -oG "$WORK/nmap.gnmap" > /dev/null
  awk -v s="$started" -v e="$(date +%s%N)" 'BEGIN { printf "%.2f\n", (e - s) / 1e9 }'
done > "$WORK/nmap-times.txt"
nmap_cpu_us=-
[ -s "$WORK/nmap-cpu.txt" ] && nmap_cpu_us=$(per_port_us "$(awk -v hz="$(getconf CLK_TCK)" '{ s += ($1 + $2) * hz } END { print s }' "$WORK/nmap-cpu.txt")")
nmap_s=$(median < "$WORK/nmap-times.txt")
nmap_fastest=$(sort -n "$WORK/nmap-times.txt" | head -1)
grep -o 'Ports: .*' "$WORK/nmap.gnmap" | tr ',' '\n' | awk -F/ '$2 == "open" { gsub(/[^0-9]/, "", $1); print $1 }' | sort -n > "$WORK/nmap-open.txt"

masscan_line="not installed (apt-get install masscan)"
if command -v masscan >/dev/null; then
  say "masscan on the loopback adapter, once (bounded by 60 s)"
  started=$(date +%s%N)
  # lo's MAC is all zeros, which masscan takes for "none": it is given made-up ones, for frames that stay on lo.
  timeout 60 masscan "$TARGET" -p1-65535 --rate 1000000 --wait 1 --adapter lo --adapter-ip "$TARGET" --adapter-port 61000 \
    --adapter-mac 02-00-00-00-00-01 --router-mac 02-00-00-00-00-02 -oL "$WORK/masscan.txt" > "$WORK/masscan.log" 2>&1 || true
  masscan_s=$(awk -v s="$started" -v e="$(date +%s%N)" 'BEGIN { printf "%.2f", (e - s) / 1e9 }')
  masscan_open=$(grep -c '^open tcp' "$WORK/masscan.txt" 2>/dev/null || true)
  masscan_line="$masscan_s s, ${masscan_open:-0} open ports found"
fi

probe_open=$(wc -l < "$WORK/probe-open.txt"); nmap_open=$(wc -l < "$WORK/nmap-open.txt")
ratio=$(awk -v p="$probe_s" -v n="$nmap_s" 'BEGIN { printf "%.1f", n / p }')
fastest_ratio=$(awk -v p="$probe_s" -v n="$nmap_fastest" 'BEGIN { printf "%.1f", n / p }')
if diff -q "$WORK/probe-open.txt" "$WORK/nmap-open.txt" >/dev/null; then sets="identical"; else sets="DIFFERENT: $(diff "$WORK/probe-open.txt" "$WORK/nmap-open.txt" | grep -c '^[<>]' || true) ports differ (a port another process opened or closed between the runs)"; fi
printf '\n%-44s %10s %10s\n' "TCP connect sweep of $TARGET:1-65535" "seconds" "open"
printf '%-44s %10s %10s   %s\n' "probe-service ($RATE/s, $IN_FLIGHT in flight)" "$probe_s" "$probe_open" "runs: $(paste -sd' ' "$WORK/probe-times.txt")"
printf '%-44s %10s %10s   %s\n' "nmap -sT -p- -T5" "$nmap_s" "$nmap_open" "runs: $(paste -sd' ' "$WORK/nmap-times.txt")"
echo "masscan on lo: $masscan_line"
echo "probe-service is ${ratio}x as fast as nmap (target >= 2x); against nmap's fastest run (${nmap_fastest} s): ${fastest_ratio}x"
echo "CPU a port: probe-service ${probe_cpu_us} us, nmap ${nmap_cpu_us} us"
echo "open-port sets: $sets"

{
  echo "<!-- tcp-sweep -->"
  echo "### TCP sweep"
  echo "Written by \`bench/tcp-sweep.sh\`, run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)), kernel $(uname -r), load average at the start ${LOAD_AT_START}: a TCP connect sweep of $TARGET:1-65535 ($OPEN simulators' services open beside the machine's own), a warm-up run and $RUNS timed runs each, medians compared."
  echo
  echo "| sweep | median s | runs (s) | open ports |"
  echo "|---|---|---|---|"
  echo "| probe-service, \`POST /api/v1/scans\` ($RATE connects/s allowed, $IN_FLIGHT in flight) | $probe_s | $(paste -sd' ' "$WORK/probe-times.txt") | $probe_open |"
  echo "| \`nmap -sT -p- -T5 -n -Pn\` | $nmap_s | $(paste -sd' ' "$WORK/nmap-times.txt") | $nmap_open |"
  echo "| \`masscan --adapter lo\` (once) | $masscan_line | | |"
  echo
  echo "nmap time / probe time: **${ratio}x** (target >= 2x); nmap's fastest run / probe's median: ${fastest_ratio}x. CPU a port over the timed runs: probe-service ${probe_cpu_us} µs (the JVM's utime + stime, all its threads), nmap ${nmap_cpu_us} µs. Open-port sets: $sets."
  echo "<!-- /tcp-sweep -->"
} > "$WORK/section.md"
"$ROOT/bench/results-section.sh" tcp-sweep "$WORK/section.md"
