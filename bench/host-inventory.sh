#!/usr/bin/env bash
# One full host scan of probe-service (socket tables of every network namespace + process attribution)
# against `ss -tulpn` (or lsof), in one run. Three cases:
#
#  host        the simulators open BENCH_LISTENERS idle TCP listeners on 127.0.0.1 in the host's namespace;
#              compared with one `ss -tulpn`.
#  namespaces  BENCH_NAMESPACES network namespaces (ip netns add), each with one python3 process holding
#              BENCH_NS_LISTENERS TCP listeners on its own 127.0.0.1; compared with `ss -tulpn` run in the
#              host and in every namespace (nsenter --net), which is what it takes to see them all with ss.
#  lsof        the lsof backend (portwatch.probe.host-mode.backend=lsof, the macOS one) on the host's
#              BENCH_LISTENERS listeners of the simulators, against the very lsof command it runs, alone:
#              what parsing, process paths and the rest of a scan add (target: <= 1.10x lsof). Needs lsof.
#              Measured BENCH_LSOF_RUNS times (default 3), lsof alone before and after each run's scans; the
#              median ratio and every run go into bench/RESULTS.md (section host-inventory-lsof).
#
# probe-service (host mode, a scan every second) times its scans in the portwatch.probe.host.scan timer;
# the mean of BENCH_SCANS scans after warm-up is compared with the mean of as many ss rounds. Prints both,
# the ratio (target: probe <= 1.0x ss) and how many listeners each saw. Nothing is sent on the network.
#
#   bench/host-inventory.sh
#   BENCH_CASES=namespaces BENCH_NAMESPACES=20 bench/host-inventory.sh
#   BENCH_CASES=lsof bench/host-inventory.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PORTWATCH_STATE=${PORTWATCH_STATE:-$ROOT/.portwatch/bench}
source "$ROOT/deploy/local/lib.sh"
source "$ROOT/bench/probe-lib.sh"

LISTENERS=${BENCH_LISTENERS:-10000}
NAMESPACES=${BENCH_NAMESPACES:-100}
NS_LISTENERS=${BENCH_NS_LISTENERS:-100}
SCANS=${BENCH_SCANS:-10}
CASES=${BENCH_CASES:-host namespaces lsof}
NS_PREFIX=pwbench
WORK=$PORTWATCH_STATE/host-inventory
PROBE_PORT=${BENCH_PROBE_PORT:-18383}
export PORTWATCH_KAFKA_PORT=${BENCH_KAFKA_PORT:-19392}

command -v ss >/dev/null || die "ss is missing: apt-get install iproute2"
[ "$(ulimit -n)" -gt $((LISTENERS + 1000)) ] || ulimit -n $((LISTENERS + 2000)) || die "raise the open-files limit above $LISTENERS"
build_probe_and_simulators
start_broker

scan_timer() { # prints "count sum_seconds" of the host scan timer
  curl -sf "http://127.0.0.1:$PROBE_MANAGEMENT_PORT/q/metrics" | awk '
    /^portwatch_probe_host_scan_seconds_count/ { c = $2 } /^portwatch_probe_host_scan_seconds_sum/ { s = $2 }
    END { printf "%d %s\n", c, (s == "" ? 0 : s) }'
}
scans_at_least() { [ "$(scan_timer | cut -d' ' -f1)" -ge "$1" ]; }
probe_seen() { curl -sf "http://127.0.0.1:$PROBE_PORT/api/v1/listeners" | jq length 2>/dev/null || echo 0; }
probe_sees() { [ "$(probe_seen)" -ge "$1" ]; }

# measure CASE EXPECTED SS_ROUND...: waits until the probe sees EXPECTED listeners, then times SCANS probe
# scans and SCANS runs of the round command (the probe stopped meanwhile: the caller resumes it), compared
# with REFERENCE (default ss) against TARGET (default 1.0).
measure() {
  local name=$1 expected=$2 reference=${REFERENCE:-ss} target=${TARGET:-1.0}; shift 2
  wait_until 180 "probe-service sees $expected listeners" probe_sees "$expected" || die "the probe does not see them; see $WORK/probe.log"
  local count0 sum0 count1 sum1
  read -r count0 _ < <(scan_timer)
  wait_until 60 "2 warm-up scans" scans_at_least $((count0 + 2)) || die "probe stopped scanning; see $WORK/probe.log"
  read -r count0 sum0 < <(scan_timer)
  # Polled every 2 s, not wait_until's 0.2 s: each poll (curl, awk, the probe rendering its metrics) competes with the
  # scans being timed, and the reference rounds run unpolled.
  local deadline=$((SECONDS + SCANS * 10 + 60))
  until scans_at_least $((count0 + SCANS)); do
    [ "$SECONDS" -lt "$deadline" ] || die "probe stopped scanning; see $WORK/probe.log"
    sleep 2
  done
  read -r count1 sum1 < <(scan_timer)
  local probe_ms
  probe_ms=$(awk -v a="$sum0" -v b="$sum1" -v n="$((count1 - count0))" 'BEGIN { printf "%.1f", (b - a) * 1000 / n }')
  MEASURED_PROBE_MS=$probe_ms
  RESULTS+=("$(printf '%-12s %-44s %10s %10s' "$name" "probe-service (mean of $SCANS scans)" "$probe_ms" "$(probe_seen)")")
  kill -STOP "$(cat "$WORK/probe.pid")"   # the probe's own scans would compete with ss for the CPU
  time_rounds "$name" "${ROUND_LABEL:-ss -tulpn} (mean of $SCANS rounds)" "$@"
  RESULTS+=("$(awk -v n="$name" -v p="$probe_ms" -v s="$ROUND_MS" -v r="$reference" -v t="$target" \
    'BEGIN { printf "%-12s ratio probe/%s: %.2fx (target <= %sx)", n, r, p / s, t }')")
}

# time_rounds CASE LABEL COMMAND...: the mean of SCANS runs of COMMAND (ROUND_MS), as a result line.
time_rounds() {
  local name=$1 label=$2; shift 2
  say "running $* $SCANS times"
  local seen started
  seen=$("$@" | ${COUNT:-wc -l})
  started=$(date +%s%N)
  for _ in $(seq 1 "$SCANS"); do "$@" > /dev/null; done
  ROUND_MS=$(awk -v s="$started" -v e="$(date +%s%N)" -v n="$SCANS" 'BEGIN { printf "%.1f", (e - s) / 1e6 / n }')
  RESULTS+=("$(printf '%-12s %-44s %10s %10s' "$name" "$label" "$ROUND_MS" "$seen")")
}

ss_host() { ss -H -tulpn; }
# The lsof backend's own command (LsofScanner.OPTIONS); its TCP files in LISTEN and its UDP files, counted.
# lsof exits 1 when one of the selections (-iUDP, say) matched nothing; the backend takes that output too.
lsof_host() { local status=0; lsof -nP -w +c0 -iTCP -iUDP -F0pcuLftPnTd || status=$?; [ "$status" -le 1 ]; }
lsof_sockets() { tr '\0' '\n' | grep -c -E '^(TST=LISTEN|PUDP)$'; }
# ss_every_namespace [-p]: ss -tuln (with -p: and the owning processes) in the host and every namespace.
ss_every_namespace() {
  ss -H -tuln "$@"
  for ns in /run/netns/"$NS_PREFIX"-*; do nsenter --net="$ns" ss -H -tuln "$@"; done
}

# write_lsof_section LISTENERS "PROBE_MS LSOF_MS"...: the lsof case's section of bench/RESULTS.md, every run and
# the median ratio, with the date and the machine.
write_lsof_section() {
  local listeners=$1; shift
  local section=$WORK/lsof-section.md median
  median=$(printf '%s\n' "$@" | awk '{ print $1 / $2 }' | sort -n | awk '{ r[NR] = $1 } END { printf "%.2f", NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }')
  {
    echo "<!-- host-inventory-lsof -->"
    echo "## Host inventory, lsof backend (issue 24)"
    echo "Written by \`BENCH_CASES=lsof bench/host-inventory.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores,"
    echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end: the backend's scan (the \`portwatch.probe.host.scan\`"
    echo "timer, mean of $SCANS scans) against the command it runs, alone"
    echo "(\`lsof -nP -w +c0 -iTCP -iUDP -F0pcuLftPnTd > /dev/null\`, the probe stopped: the mean of $SCANS runs before the"
    echo "scans and $SCANS after), on $listeners listeners. Bound: ≤ 1.10x."
    echo
    echo "| run | probe-service scan, ms | lsof alone (before/after), ms | ratio |"
    echo "|---|---|---|---|"
    local i=0 run
    for run in "$@"; do
      i=$((i + 1))
      awk -v i="$i" -v p="${run% *}" -v l="${run#* }" 'BEGIN { printf "| %d | %s | %s | %.2fx |\n", i, p, l, p / l }'
    done
    echo
    echo "Median ratio: **${median}x**."
    echo "<!-- /host-inventory-lsof -->"
  } > "$section"
  "$ROOT/bench/results-section.sh" host-inventory-lsof "$section"
  say "wrote the lsof section of $ROOT/bench/RESULTS.md: median ${median}x"
}

remove_namespaces() {
  for ns in /run/netns/"$NS_PREFIX"-*; do
    [ -e "$ns" ] || continue
    ip netns pids "$(basename "$ns")" 2>/dev/null | xargs -r kill 2>/dev/null || true
    ip netns del "$(basename "$ns")" 2>/dev/null || true
  done
}

RESULTS=()
start_probe -Dportwatch.probe.host-mode.interval=1s
# The host's listeners before any case opens more.
host_listeners=$(ss -H -tuln | wc -l)
for case in $CASES; do
  case $case in
    host)
      say "opening $LISTENERS listeners on 127.0.0.1"
      start_simulators "$LISTENERS listeners on 127.0.0.1" --services none --bulk "$LISTENERS"
      measure host $((host_listeners + LISTENERS)) ss_host
      kill -CONT "$(cat "$WORK/probe.pid")"
      kill "$(cat "$WORK/simulators.pid")" && rm -f "$WORK/simulators.pid"
      ;;
    namespaces)
      command -v nsenter >/dev/null && command -v ip >/dev/null || die "ip and nsenter are missing: apt-get install iproute2 util-linux"
      trap 'remove_namespaces; for pid in "$WORK"/*.pid; do [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true; done
            "$ROOT/deploy/local/kafka.sh" stop >/dev/null 2>&1 || true' EXIT
      remove_namespaces
      say "creating $NAMESPACES namespaces with $NS_LISTENERS listeners each"
      for i in $(seq 1 "$NAMESPACES"); do
        ip netns add "$NS_PREFIX-$i"
        ip netns exec "$NS_PREFIX-$i" ip link set lo up
        ip netns exec "$NS_PREFIX-$i" python3 -c '
import signal, socket, sys
held = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()
    held.append(s)
signal.pause()' "$NS_LISTENERS" > /dev/null 2>&1 &
      done
      measure namespaces $((host_listeners + NAMESPACES * NS_LISTENERS)) ss_every_namespace -p
      time_rounds namespaces "ss -tuln, no process attribution (mean)" ss_every_namespace
      kill -CONT "$(cat "$WORK/probe.pid")"
      remove_namespaces
      ;;
    lsof)
      command -v lsof >/dev/null || die "lsof is missing: apt-get install lsof"
      # The probe again, with the lsof backend.
      kill "$(cat "$WORK/probe.pid")"; wait_until 60 "probe-service stopped" sh -c "! kill -0 $(cat "$WORK/probe.pid") 2>/dev/null"
      start_probe -Dportwatch.probe.host-mode.interval=1s -Dportwatch.probe.host-mode.backend=lsof
      say "opening $LISTENERS listeners on 127.0.0.1"
      start_simulators "$LISTENERS listeners on 127.0.0.1" --services none --bulk "$LISTENERS"
      # At least the simulators' listeners: the machine's own come and go (another run's services) meanwhile.
      LSOF_RUNS=()
      # lsof alone is timed before and after the probe's scans, and the two means averaged: the load of this shared
      # machine drifts within a run, and a drift then weighs on both sides.
      for run in $(seq 1 "${BENCH_LSOF_RUNS:-3}"); do
        kill -STOP "$(cat "$WORK/probe.pid")"
        COUNT=lsof_sockets time_rounds lsof "lsof -F alone, before the scans" lsof_host
        lsof_before=$ROUND_MS
        kill -CONT "$(cat "$WORK/probe.pid")"
        COUNT=lsof_sockets REFERENCE=lsof TARGET=1.10 ROUND_LABEL="lsof -F, the backend's command" measure lsof "$LISTENERS" lsof_host
        LSOF_RUNS+=("$MEASURED_PROBE_MS $(awk -v a="$lsof_before" -v b="$ROUND_MS" 'BEGIN { printf "%.1f", (a + b) / 2 }')")
        kill -CONT "$(cat "$WORK/probe.pid")"
      done
      write_lsof_section "$(probe_seen)" "${LSOF_RUNS[@]}"
      kill "$(cat "$WORK/simulators.pid")" && rm -f "$WORK/simulators.pid"
      ;;
    *) die "unknown case $case (host, namespaces, lsof)" ;;
  esac
done

printf '\n%-12s %-44s %10s %10s\n' "case" "one full scan with process attribution" "ms" "listeners"
printf '%s\n' "${RESULTS[@]}"
