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
#
# probe-service (host mode, a scan every second) times its scans in the portwatch.probe.host.scan timer;
# the mean of BENCH_SCANS scans after warm-up is compared with the mean of as many ss rounds (BENCH_NS_ROUNDS,
# default 3, in the namespaces case, where one round of ss -p takes seconds), BENCH_RUNS (3) times in a row; the
# median ratio counts (targets: host <= 0.5x, namespaces <= 0.05x, lsof <= 1.10x). Prints both, the ratios and how
# many listeners each saw, and writes each case's section of bench/RESULTS.md (date, machine, every run, median).
# Nothing is sent on the network.
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
NS_ROUNDS=${BENCH_NS_ROUNDS:-3}
RUNS=${BENCH_RUNS:-3}
CASES=${BENCH_CASES:-host namespaces lsof}
NS_PREFIX=${BENCH_NS_PREFIX:-pwbench}
WORK=$PORTWATCH_STATE/host-inventory
PROBE_PORT=${BENCH_PROBE_PORT:-18383}
PROBE_INTERVAL=1 # seconds between the probe's scans
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

# cpu_ticks PID: "own children" CPU clock ticks of a process: its utime+stime, and cutime+cstime (its reaped children's,
# such as every lsof the lsof backend ran).
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13, $14 + $15 }' "/proc/$1/stat"; }
TICK_MS=$(awk -v hz="$(getconf CLK_TCK)" 'BEGIN { print 1000 / hz }')
CPU_ROWS=()

# measure CASE EXPECTED COMMAND...: waits until the probe sees EXPECTED listeners, then RUNS times: the mean of SCANS
# probe scans, and the mean of ROUNDS (default SCANS) runs of COMMAND with the probe stopped meanwhile; compared with
# REFERENCE (default ss) against TARGET. Each run is a row of the case's RESULTS.md section; the median ratio counts.
measure() {
  local name=$1 expected=$2 reference=${REFERENCE:-ss} target=${TARGET:-1.0}; shift 2
  wait_until 180 "probe-service sees $expected listeners" probe_sees "$expected" || die "the probe does not see them; see $WORK/probe.log"
  local count0 sum0 count1 sum1 probe_ms ratios=() probes=() references=() run
  read -r count0 _ < <(scan_timer)
  wait_until 60 "2 warm-up scans" scans_at_least $((count0 + 2)) || die "probe stopped scanning; see $WORK/probe.log"
  for run in $(seq 1 "$RUNS"); do
    # A scan the SIGSTOP below caught midway counts the stopped time: the first scan after resuming is not timed.
    read -r count0 _ < <(scan_timer)
    wait_until 120 "a scan after resuming" scans_at_least $((count0 + 1)) || die "probe stopped scanning; see $WORK/probe.log"
    read -r count0 sum0 < <(scan_timer)
    read -r own0 children0 < <(cpu_ticks "$(cat "$WORK/probe.pid")")
    # Not polled meanwhile: scraping /q/metrics every 0.2 s (curl, awk, and the JIT work the scrapes bring the probe)
    # cost the probe 60-120 ms more CPU per scan, on the cores its scans and lsof share; the reference has no such load.
    # The scans come every PROBE_INTERVAL seconds; only the last of them meets the polling.
    sleep $(((SCANS - 1) * PROBE_INTERVAL))
    wait_until $((SCANS * 10 + 60)) "$SCANS scans" scans_at_least $((count0 + SCANS)) || die "probe stopped scanning; see $WORK/probe.log"
    read -r count1 sum1 < <(scan_timer)
    read -r own1 children1 < <(cpu_ticks "$(cat "$WORK/probe.pid")")
    probe_ms=$(awk -v a="$sum0" -v b="$sum1" -v n="$((count1 - count0))" 'BEGIN { printf "%.1f", (b - a) * 1000 / n }')
    if [ "$children1" -gt "$children0" ]; then
      # CPU holds still under load where wall time does not: the JVM's own CPU per scan (everything it did meanwhile,
      # publishing included) against that of the commands it ran.
      local cpu
      cpu=$(awk -v o="$((own1 - own0))" -v c="$((children1 - children0))" -v n="$((count1 - count0))" -v t="$TICK_MS" \
        'BEGIN { printf "%.1f %.1f %.0f%%", o * t / n, c * t / n, 100 * o / c }')
      read -r cpu_own cpu_children cpu_share <<< "$cpu"
      CPU_ROWS+=("| $run | $cpu_own | $cpu_children | $cpu_share |")
      RESULTS+=("$(printf '%-12s %-44s %10s' "$name" "CPU per scan, run $run: JVM / its lsof (ms)" "$cpu_own / $cpu_children = $cpu_share")")
    fi
    RESULTS+=("$(printf '%-12s %-44s %10s %10s' "$name" "probe-service (mean of $SCANS scans), run $run" "$probe_ms" "$(probe_seen)")")
    kill -STOP "$(cat "$WORK/probe.pid")"   # the probe's own scans would compete with the reference for the CPU
    time_rounds "$name" "${ROUND_LABEL:-ss -tulpn} (mean of ${ROUNDS:-$SCANS} rounds), run $run" "$@"
    kill -CONT "$(cat "$WORK/probe.pid")"
    probes+=("$probe_ms"); references+=("$ROUND_MS"); ratios+=("$(awk -v p="$probe_ms" -v s="$ROUND_MS" 'BEGIN { printf "%.2f", p / s }')")
    ROWS+=("| $name | $run | $probe_ms | ${ROUND_LABEL:-ss -tulpn} | $ROUND_MS | ${ratios[-1]}x | $(probe_seen) / $SEEN |")
  done
  SECTION_ROUNDS=${ROUNDS:-$SCANS}
  local median_ratio
  median_ratio=$(printf '%s\n' "${ratios[@]}" | median)
  RESULTS+=("$(printf '%-12s ratio probe/%s, median of %d runs: %sx (runs %s; target <= %sx)' "$name" "$reference" "$RUNS" "$median_ratio" "${ratios[*]}" "$target")")
  MEDIANS+=("| $name | $(printf '%s\n' "${probes[@]}" | median) | $(printf '%s\n' "${references[@]}" | median) | **${median_ratio}x** | <= ${target}x |")
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# time_rounds CASE LABEL COMMAND...: the mean of ROUNDS (default SCANS) runs of COMMAND (ROUND_MS; SEEN: what it counted).
time_rounds() {
  local name=$1 label=$2 rounds=${ROUNDS:-$SCANS}; shift 2
  say "running $* $rounds times"
  local started
  SEEN=$("$@" | ${COUNT:-wc -l})
  started=$(date +%s%N)
  for _ in $(seq 1 "$rounds"); do "$@" > /dev/null; done
  ROUND_MS=$(awk -v s="$started" -v e="$(date +%s%N)" -v n="$rounds" 'BEGIN { printf "%.1f", (e - s) / 1e6 / n }')
  RESULTS+=("$(printf '%-12s %-44s %10s %10s' "$name" "$label" "$ROUND_MS" "$SEEN")")
}

# write_section CASE WHAT: the case's section of bench/RESULTS.md (<!-- host-inventory-CASE -->), from ROWS and MEDIANS.
write_section() {
  local name=$1 what=$2 section="$WORK/section-$1.md"
  {
    echo "<!-- host-inventory-$name -->"
    echo "### Host inventory, case \`$name\`"
    echo "Written by \`bench/host-inventory.sh\`, run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)), kernel $(uname -r), load average at the start ${LOAD_AT_START}: $what"
    echo "Each run: the mean of $SCANS probe scans (the \`portwatch.probe.host.scan\` timer, read before and after them, not polled meanwhile) against the mean of $SECTION_ROUNDS runs of the reference, the probe SIGSTOPped meanwhile."
    echo
    echo "| case | run | probe-service ms | reference | reference ms | ratio | listeners (probe / reference) |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "| case | probe-service ms (median) | reference ms (median) | ratio (median of $RUNS) | target |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${MEDIANS[@]}"
    if [ ${#CPU_ROWS[@]} -gt 0 ]; then
      echo
      echo "CPU per scan (from /proc/<probe>/stat over the same scans): the probe JVM's own, everything it did included, against the commands it ran."
      echo
      echo "| run | probe JVM, ms | its commands (lsof), ms | JVM / commands |"
      echo "|---|---|---|---|"
      printf '%s\n' "${CPU_ROWS[@]}"
    fi
    echo "<!-- /host-inventory-$name -->"
  } > "$section"
  "$ROOT/bench/results-section.sh" "host-inventory-$name" "$section"
  ROWS=(); MEDIANS=(); CPU_ROWS=()
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

remove_namespaces() {
  for ns in /run/netns/"$NS_PREFIX"-*; do
    [ -e "$ns" ] || continue
    ip netns pids "$(basename "$ns")" 2>/dev/null | xargs -r kill 2>/dev/null || true
    ip netns del "$(basename "$ns")" 2>/dev/null || true
  done
}

RESULTS=()
ROWS=()
MEDIANS=()
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
# probe_backend proc|lsof: probe-service in host mode with that backend, restarted only when it runs another one
# (so the cases may come in any order).
PROBE_BACKEND=
probe_backend() {
  [ "$PROBE_BACKEND" = "$1" ] && return
  if [ -n "$PROBE_BACKEND" ]; then
    kill "$(cat "$WORK/probe.pid")"; wait_until 60 "probe-service stopped" sh -c "! kill -0 $(cat "$WORK/probe.pid") 2>/dev/null"
  fi
  start_probe -Dportwatch.probe.host-mode.interval="${PROBE_INTERVAL}s" -Dportwatch.probe.host-mode.backend="$1"
  PROBE_BACKEND=$1
}
# The host's listeners before any case opens more.
host_listeners=$(ss -H -tuln | wc -l)
for case in $CASES; do
  case $case in
    host)
      probe_backend proc
      say "opening $LISTENERS listeners on 127.0.0.1"
      start_simulators "$LISTENERS listeners on 127.0.0.1" --services none --bulk "$LISTENERS"
      TARGET=0.5 measure host $((host_listeners + LISTENERS)) ss_host
      write_section host "the simulators' $LISTENERS idle TCP listeners on 127.0.0.1 beside the machine's own, against \`ss -tulpn\`."
      kill "$(cat "$WORK/simulators.pid")" && rm -f "$WORK/simulators.pid"
      ;;
    namespaces)
      command -v nsenter >/dev/null && command -v ip >/dev/null || die "ip and nsenter are missing: apt-get install iproute2 util-linux"
      trap 'remove_namespaces; for pid in "$WORK"/*.pid; do [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true; done
            "$ROOT/deploy/local/kafka.sh" stop >/dev/null 2>&1 || true' EXIT
      remove_namespaces
      probe_backend proc
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
      ROUNDS=$NS_ROUNDS TARGET=0.05 ROUND_LABEL="ss -tulpn in every namespace" measure namespaces $((host_listeners + NAMESPACES * NS_LISTENERS)) ss_every_namespace -p
      kill -STOP "$(cat "$WORK/probe.pid")"
      ROUNDS=$NS_ROUNDS time_rounds namespaces "ss -tuln in every namespace, no owners (mean)" ss_every_namespace
      kill -CONT "$(cat "$WORK/probe.pid")"
      write_section namespaces "$NAMESPACES \`ip netns\` namespaces, each with one python3 process holding $NS_LISTENERS TCP listeners on its 127.0.0.1, against \`ss -tulpn\` run in the host and in every namespace (\`nsenter --net\`). Without owners, \`ss -tuln\` the same way took $ROUND_MS ms a round."
      remove_namespaces
      ;;
    lsof)
      command -v lsof >/dev/null || die "lsof is missing: apt-get install lsof"
      probe_backend lsof
      say "opening $LISTENERS listeners on 127.0.0.1"
      start_simulators "$LISTENERS listeners on 127.0.0.1" --services none --bulk "$LISTENERS"
      # At least the simulators' listeners: the machine's own come and go (another run's services) meanwhile.
      COUNT=lsof_sockets REFERENCE=lsof TARGET=1.10 ROUND_LABEL="lsof -F, the backend's command" measure lsof "$LISTENERS" lsof_host
      write_section lsof "the lsof backend (\`backend=lsof\`) on the simulators' $LISTENERS listeners, against the lsof command it runs (\`lsof -nP -w +c0 -iTCP -iUDP -F0pcuLftPnTd\`), alone."
      kill "$(cat "$WORK/simulators.pid")" && rm -f "$WORK/simulators.pid"
      ;;
    *) die "unknown case $case (host, namespaces, lsof)" ;;
  esac
done

printf '\n%-12s %-44s %10s %10s\n' "case" "one full scan with process attribution" "ms" "listeners"
printf '%s\n' "${RESULTS[@]}"
