#!/usr/bin/env bash
# alert-service throughput against Kafka's own consumer on the same topic, in one run.
#
# Writes BENCH_EVENTS listener events for BENCH_HOSTS hosts to a private loopback broker, then measures
# (1) Kafka's ConsumerPerformance reading them raw and (2) alert-service correlating them (knowledge
# from registry-service, findings in PostgreSQL) until its consumer group's lag is 0. Prints both
# rates, the ratio, the findings persisted and the CPU time alert-service used per event (steadier than
# the rates on a shared machine: it does not count the time other processes had the cores; each phase's CPU over
# the events consumed in the window it was measured over, which the last look at the count overshoots a little and
# which leaves out those consumed while the counters are read between the phases). The service
# starts cold, so its rate includes the JIT's warm-up; BENCH_WARM_EVENTS more events (default as many,
# the same mix going on; 0 skips them) are written behind the first ones and measured separately: the
# rate of the warmed-up service, as it runs for days; its CPU is also printed without the JIT's compiler threads
# (per thread from /proc: they still compile what runs once per transaction, which the cold phase ran a few hundred
# times), and the collector's share; they fade over a longer warm phase (BENCH_WARM_EVENTS=3000000: bench/RESULTS.md,
# alert-long-warm-22). The warm CPU is also printed per thread name (listener-store judges and stores, listener-poll
# reads the topic): where a change's effect lands (bench/RESULTS.md, alert-thread-cpu-26). Then, with the service
# idle, the end-to-end latency of BENCH_LATENCY_EVENTS new listeners (BENCH_LATENCY_RATE per second): listener
# event sent -> finding read from portwatch.alerts, p50/p99/max, right after the load; then, the same rate going on, of
# BENCH_LATENCY_REST_EVENTS more (default as many; 0 skips them) sent BENCH_LATENCY_SETTLE seconds (default 20) after
# those: at rest, once the service's JIT has recompiled for the trickle (bench/RESULTS.md, alert-latency-12).
# BENCH_LATENCY_TRACE=FILE also writes each of those findings' send time and latency to FILE (one run's: runs
# that alternate overwrite it), to see where the tail comes from.
#
# BENCH_MIX=fleet (default): 9 events in 10 are periodic SNAPSHOTs of a steady fleet, 1 in 10 opens or
# closes a listener. BENCH_MIX=churn: every event opens or closes one (nearly every event changes a
# finding: the worst case for the database). BENCH_MIX=steady: after each host's first SNAPSHOT every
# event repeats it (nothing changes: correlation without the database, its ceiling). See
# bench/src/ListenerEventGenerator.java. BENCH_COMPRESSION (default lz4) is the codec the events are written
# with; probe-service writes zstd, which cost alert-service no less than pure-Java lz4 (bench/RESULTS.md, alert-codec-17)
# and about as much as lz4 by JNI, as alert-service reads it since alert-lz4-jni-38.
# BENCH_SIGNED=compare (default) runs the whole measurement four times, alternating unsigned (alert-service
# admitting unsigned records) and signed (an enrolled probe signs every record, alert-service refuses unsigned
# ones and verifies and binds each) as BENCH_COMPARE_ORDER says (default "no yes yes no"), and prints each
# mode's mean and the cost of verification per event: the issue's bound is 10%. BENCH_SIGNED=yes or no runs one.
# BENCH_JAVA_OPTS are added to every service's JVM options, with @SERVICE@ replaced by the service's name (and
# instance): BENCH_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/@SERVICE@.jfr,settings=profile' profiles each.
# BENCH_ALERT_INSTANCES=N runs N alert-service instances in one consumer group (the listeners topic has
# 6 partitions); bench/alert-scale-out.sh compares 1, 2 and 3.
# The cost of a finding change: besides alert-service's CPU, the CPU of the PostgreSQL backends serving its
# database (from /proc, so PostgreSQL's shared background processes are left out) is printed per event and per
# finding change, with the finding table's updates and how many of them were HOT. BENCH_ALERT_APP runs another
# build of alert-service (a quarkus-app directory); BENCH_ALERT_OPTS adds JVM options (-D...) to alert-service only.
# BENCH_BASELINE_APP=DIR compares that build with this one (or with BENCH_ALERT_APP's), BENCH_BASELINE_ALERT_OPTS a
# configuration with this one's (the baseline runs this build with those options instead of BENCH_ALERT_OPTS; the
# section is then alert-pipelined-store, as it was first used for portwatch.alert.pipelined-store=false), both
# together another build configured so; BENCH_BASELINE_LABEL and BENCH_ALERT_LABEL name them in the results:
# unsigned runs alternating baseline, this, this, baseline, baseline, this (BENCH_BASELINE_ORDER), the medians of
# each side and their ratios written into bench/RESULTS.md (section alert-change-cost; BENCH_SECTION and
# BENCH_SECTION_TITLE name another). With the fleet mix, each build then runs once on the steady mix (BENCH_STEADY_REFERENCE=no
# skips it), and the section adds each build's CPU per finding change beyond the steady mix, as issue 6 measured it,
# and the same with the JIT's compiler threads left out of both mixes.
#
#   bench/alert-pipeline.sh                      (1,000,000 events, 10,000 hosts, fleet mix)
#   BENCH_EVENTS=200000 BENCH_HOSTS=2000 BENCH_MIX=churn bench/alert-pipeline.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PORTWATCH_STATE=${PORTWATCH_STATE:-$ROOT/.portwatch/bench}
source "$ROOT/deploy/local/lib.sh"

EVENTS=${BENCH_EVENTS:-1000000}
HOSTS=${BENCH_HOSTS:-10000}
MIX=${BENCH_MIX:-fleet}
INSTANCES=${BENCH_ALERT_INSTANCES:-1}
WARM=${BENCH_WARM_EVENTS:-$EVENTS}
TOTAL=$((EVENTS + WARM))
LATENCY_COUNT=${BENCH_LATENCY_EVENTS:-500}
LATENCY_RATE=${BENCH_LATENCY_RATE:-50}
LATENCY_SETTLE=${BENCH_LATENCY_SETTLE:-20}
LATENCY_REST=${BENCH_LATENCY_REST_EVENTS:-$LATENCY_COUNT}
SIGNED=${BENCH_SIGNED:-compare}
ALERT_APP=${BENCH_ALERT_APP:-$ROOT/alert-service/target/quarkus-app}
WORK=$PORTWATCH_STATE/alert-pipeline
export PORTWATCH_KAFKA_PORT=19292
BOOTSTRAP=127.0.0.1:$PORTWATCH_KAFKA_PORT
LIB=$ROOT/.portwatch/kafka-lib
DEADLINE_SECONDS=900

if [ -n "${BENCH_BASELINE_APP:-}${BENCH_BASELINE_ALERT_OPTS:-}" ]; then
  BASELINE_APP=${BENCH_BASELINE_APP:-$ALERT_APP}
  [ -f "$BASELINE_APP/quarkus-run.jar" ] || die "BENCH_BASELINE_APP must be a quarkus-app directory, not $BASELINE_APP"
  SECTION=alert-change-cost TITLE="the cost of a finding change" BY=BENCH_BASELINE_APP
  [ -n "${BENCH_BASELINE_ALERT_OPTS:-}" ] && SECTION=alert-pipelined-store TITLE="a pipelined store against stores in turn" \
    BY=BENCH_BASELINE_ALERT_OPTS
  SECTION=${BENCH_SECTION:-$SECTION} TITLE=${BENCH_SECTION_TITLE:-$TITLE}
  read -r -a ORDER <<< "${BENCH_BASELINE_ORDER:-baseline this this baseline baseline this}"
  mkdir -p "$WORK"
  rm -f "$WORK"/run-*-build-*.txt
  round=0
  for build in "${ORDER[@]}"; do
    round=$((round + 1))
    app=$ALERT_APP options=${BENCH_ALERT_OPTS:-}
    [ "$build" = baseline ] && app=$BASELINE_APP options=${BENCH_BASELINE_ALERT_OPTS:-}
    say "=== run $round of ${#ORDER[@]}: $build ($app $options)"
    BENCH_BASELINE_APP='' BENCH_BASELINE_ALERT_OPTS='' BENCH_SIGNED=no BENCH_ALERT_APP=$app BENCH_ALERT_OPTS=$options "$0" \
      | tee "$WORK/run-$round-build-$build.txt"
  done
  # The cost of a change as issue 6 measured it: what the fleet mix costs per event beyond the steady mix (whose
  # events change nothing), over the changes the fleet mix made, warmed up. One steady run per build, after the others,
  # over twice the warm events: the steady mix runs so fast once warm that the cold window's last look and the readings
  # between the windows took half of 1,000,000 (bench/RESULTS.md, alert-transaction-size-30), and the run stopped.
  STEADY=${BENCH_STEADY_REFERENCE:-$([ "$MIX" = fleet ] && [ "$WARM" -gt 0 ] && echo yes || echo no)}
  STEADY_WARM=$((WARM * 2))
  if [ "$STEADY" = yes ]; then
    for build in baseline this; do
      app=$ALERT_APP options=${BENCH_ALERT_OPTS:-}
      [ "$build" = baseline ] && app=$BASELINE_APP options=${BENCH_BASELINE_ALERT_OPTS:-}
      say "=== steady mix reference: $build ($app $options)"
      BENCH_BASELINE_APP='' BENCH_BASELINE_ALERT_OPTS='' BENCH_SIGNED=no BENCH_MIX=steady BENCH_WARM_EVENTS=$STEADY_WARM BENCH_ALERT_APP=$app \
        BENCH_ALERT_OPTS=$options "$0" | tee "$WORK/run-steady-build-$build.txt"
    done
  fi
  # median BUILD PATTERN: the median over BUILD's runs of the number after the last ": " of the lines matching PATTERN
  median() {
    cat "$WORK"/run-[0-9]*-build-"$1".txt | awk -v pattern="$2" '$0 ~ pattern { sub(/.*: /, ""); print $1 + 0 }' | sort -n \
      | awk '{ v[NR] = $1 } END { if (NR) printf "%.15g\n", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
  }
  section=$WORK/$SECTION.md
  {
    echo "<!-- $SECTION -->"
    echo "## alert-service: $TITLE"
    echo
    echo "Written by \`$BY=... bench/alert-pipeline.sh\` on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(uname -m)), load average"
    echo "$(cut -d' ' -f1-3 /proc/loadavg) at the end: $EVENTS + $WARM events for $HOSTS hosts, $MIX mix, unsigned; medians of"
    echo "$((${#ORDER[@]} / 2)) runs each, alternating (${ORDER[*]}). Baseline: ${BENCH_BASELINE_LABEL:-\`$BASELINE_APP ${BENCH_BASELINE_ALERT_OPTS:-}\`}; this"
    echo "build: ${BENCH_ALERT_LABEL:-\`$ALERT_APP ${BENCH_ALERT_OPTS:-}\`}. PostgreSQL CPU is that of the backends serving alert-service's database (/proc);"
    echo "alert-service CPU per change is all its CPU over the changes made (an upper bound: events that change nothing cost too)."
    [ "$STEADY" = yes ] && echo "Beyond the steady mix, it is what a warmed-up fleet-mix event costs more than a steady-mix one (whose events" \
      "change nothing, one run per build over $STEADY_WARM warm events), times the events, over the changes made (issue 6's measure)." \
      "Twice the fleet runs' warm events: the JIT's and the collector's share shrink over a longer warm window, so the cost beyond it is a little high."
    echo
    echo "| measure | baseline | this build | this/baseline |"
    echo "|---|---|---|---|"
    for row in "events/s, cold|^alert-service events/s cold: " "events/s, warmed up|^alert-service events/s warmed up: " \
        "alert-service CPU µs per event, cold|^alert-service CPU per event cold: " \
        "alert-service CPU µs per event, warmed up|^alert-service CPU per event warmed up: " \
        "alert-service CPU µs per event, warmed up, the JIT's compiler threads left out|^alert-service CPU per event warmed up, the JIT" \
        "alert-service CPU µs per event, warmed up, storing thread (listener-store)|^alert-service CPU per event warmed up, thread listener-store: " \
        "alert-service CPU µs per event, warmed up, polling thread (listener-poll)|^alert-service CPU per event warmed up, thread listener-poll: " \
        "alert-service CPU µs per event, warmed up, collector threads|^alert-service CPU per event warmed up, thread GC_Thread#N: " \
        "alert-service CPU µs per finding change|^alert-service CPU per change: " \
        "PostgreSQL CPU µs per finding change|^PostgreSQL CPU per change: " \
        "finding changes|^finding changes: " "finding updates|^finding updates: " "HOT finding updates|^finding HOT updates: " \
        "events settled without the database|settled without the database: " \
        "SNAPSHOTs one listener apart, settled without decoding|^SNAPSHOTs one listener apart from their host's last, settled without decoding: " \
        "latency p99 ms|^latency p99 ms: " "latency p99 ms, at rest|^latency p99 ms at rest: "; do
      label=${row%%|*} pattern=${row#*|}
      a=$(median baseline "$pattern") b=$(median this "$pattern")
      awk -v l="$label" -v a="$a" -v b="$b" 'BEGIN { printf "| %s | %s | %s | %s |\n", l, a, b, (a > 0 ? sprintf("%.2fx", b / a) : "-") }'
    done
    if [ "$STEADY" = yes ]; then
      # steady BUILD [PATTERN]: that build's CPU µs per event warmed up on the steady mix (all of it, or PATTERN's line);
      # beyond BUILD [PATTERN]: its cost per change beyond it, from the same line of its fleet runs
      all='^alert-service CPU per event warmed up: ' nojit="^alert-service CPU per event warmed up, the JIT"
      steady() { awk -v pattern="${2:-$all}" '$0 ~ pattern { sub(/.*: /, ""); print $1 + 0 }' "$WORK/run-steady-build-$1.txt"; }
      beyond() {
        awk -v fleet="$(median "$1" "${2:-$all}")" -v steady="$(steady "$1" "${2:-$all}")" \
          -v events="$(median "$1" '^events warmed up, counted in the window: ')" -v changes="$(median "$1" '^finding changes warmed up: ')" \
          'BEGIN { if (changes > 0 && events > 0) printf "%.0f", (fleet - steady) * events / changes; else printf "-" }'
      }
      a=$(steady baseline) b=$(steady this)
      awk -v a="$a" -v b="$b" 'BEGIN { printf "| alert-service CPU µs per event, warmed up, steady mix (one run) | %s | %s | %s |\n", a, b,
        (a > 0 ? sprintf("%.2fx", b / a) : "-") }'
      # The JIT still compiles, in the warm window, code that runs once per transaction or per request (bench/RESULTS.md,
      # alert-batches-and-cache-32): a cost that ends, which the second row leaves out of both mixes.
      for row in "|$all" ", the JIT's compiler threads left out|$nojit"; do
        a=$(beyond baseline "${row#*|}") b=$(beyond this "${row#*|}")
        awk -v l="${row%%|*}" -v a="$a" -v b="$b" 'BEGIN { printf "| alert-service CPU µs per finding change beyond the steady mix, warmed up%s | %s | %s | %s |\n",
          l, a, b, (a > 0 && b > 0 ? sprintf("%.2fx", b / a) : "-") }'
      done
    fi
    echo "<!-- /$SECTION -->"
  } > "$section"
  "$ROOT/bench/results-section.sh" "$SECTION" "$section"
  cat "$section"
  exit 0
fi
if [ "$SIGNED" = compare ]; then
  # Runs alternate (unsigned, signed, signed, unsigned by default) and each mode's figures are averaged: whatever
  # drifts over the runs (the page cache, another process, the CPU's clock) weighs on both modes alike.
  read -r -a ORDER <<< "${BENCH_COMPARE_ORDER:-no yes yes no}"
  mkdir -p "$WORK"
  rm -f "$WORK"/run-*-signed-*.txt
  round=0
  for mode in "${ORDER[@]}"; do
    round=$((round + 1))
    say "=== run $round of ${#ORDER[@]}: BENCH_SIGNED=$mode"
    BENCH_SIGNED=$mode "$0" | tee "$WORK/run-$round-signed-$mode.txt"
  done
  # figure MODE PATTERN: the mean over MODE's runs of the last field of the lines matching PATTERN (µs or events/s)
  figure() {
    cat "$WORK"/run-*-signed-"$1".txt | awk -v pattern="$2" '$0 ~ pattern { sub(/ µs per event.*/, ""); n++; sum += $NF }
      END { if (n) printf "%.0f", sum / n }'
  }
  printf '\n%-34s %12s %12s %8s   (mean of %d runs each, alternating)\n' "alert-service" "unsigned" "signed" "signed/unsigned" $((${#ORDER[@]} / 2))
  for which in "cold" "warmed up"; do
    if [ "$which" = cold ]; then cpu='^alert-service CPU: ' rate='^alert-service x[0-9]+ \(correlated'
    else cpu='^alert-service CPU warmed up: ' rate='^alert-service x[0-9]+ warmed up'; fi
    awk -v w="$which" -v a="$(figure no "$cpu")" -v b="$(figure yes "$cpu")" 'BEGIN { printf "%-34s %12s %12s %7.2fx\n", "CPU µs per event, " w, a, b, b / a }'
    awk -v w="$which" -v a="$(figure no "$rate")" -v b="$(figure yes "$rate")" 'BEGIN { printf "%-34s %12s %12s %7.2fx\n", "events/s, " w, a, b, b / a }'
  done
  echo "bound: verifying and binding signatures costs under 10% of the event cost (signed/unsigned CPU <= 1.10x)"
  exit 0
fi
[ "$SIGNED" = yes ] || [ "$SIGNED" = no ] || die "BENCH_SIGNED is compare, yes or no, not $SIGNED"

for module in events registry-service alert-service; do
  ls "$ROOT/$module"/target/*.jar >/dev/null 2>&1 || [ -f "$ROOT/$module/target/quarkus-app/quarkus-run.jar" ] \
    || (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl "$module" -am)
done
EVENTS_JAR=$(ls "$ROOT"/events/target/portwatch-events-*.jar | grep -v -- '-sources' | head -1)
GENERATOR=(java -cp "$LIB/*:$EVENTS_JAR" "$ROOT/bench/src/ListenerEventGenerator.java" "$BOOTSTRAP")
mkdir -p "$WORK"
# The services stop (each within 20 s) before the broker: alert-service commits its offsets as it stops.
cleanup() {
  for pid in "$WORK"/*.pid; do [ -f "$pid" ] && stop_pid "$pid" "$(basename "$pid" .pid)" >/dev/null 2>&1 || true; done
  "$ROOT/deploy/local/kafka.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

rm -rf "$PORTWATCH_STATE/kafka"
"$ROOT/deploy/local/postgres.sh" start
"$ROOT/deploy/local/postgres.sh" database registry_bench registry --fresh
"$ROOT/deploy/local/postgres.sh" database alert_bench alert --fresh
"$ROOT/deploy/local/kafka.sh" start
"$ROOT/deploy/local/jwt.sh" keys

# A service runs with the JVM flags its manifest appends (JAVA_OPTS_APPEND; alert-service's collector).
jvm_flags() {
  awk '/name: JAVA_OPTS_APPEND/ { getline; sub(/^ *value: */, ""); print }' "$ROOT/deploy/kubernetes/base/$1.yaml"
}
# Signed: alert-service refuses unsigned records and derives probe keys from a fleet secret; one probe enrols.
read -r -a ALERT_OPTS <<< "${BENCH_ALERT_OPTS:-}"
if [ "$SIGNED" = yes ]; then
  mkdir -p "$WORK/fleet"
  head -c 32 /dev/urandom | base64 > "$WORK/fleet/enrol-secret"
  head -c 32 /dev/urandom | base64 > "$WORK/fleet/fleet-secret"
  ALERT_OPTS+=(-Dportwatch.alert.require-signed-events=true -Dportwatch.alert.fleet.enrol-secret-file="$WORK/fleet/enrol-secret"
    -Dportwatch.alert.fleet.secret-file="$WORK/fleet/fleet-secret")
fi
app_dir() { if [ "$1" = alert-service ]; then echo "$ALERT_APP"; else echo "$ROOT/$1/target/quarkus-app"; fi; }
service() { # service NAME PORT DB [INSTANCE]: starts a service jar in the background
  local extra=()
  [ "$1" = alert-service ] && extra=("${ALERT_OPTS[@]}")
  local options=${BENCH_JAVA_OPTS:-}
  java -Xmx1g $(jvm_flags "$1") ${options//@SERVICE@/$1${4:-}} "${extra[@]}" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$2" -Dkafka.bootstrap.servers="$BOOTSTRAP" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$3" \
    -Dmp.jwt.verify.publickey.location="$PORTWATCH_STATE/jwt/public.pem" -Dquarkus.log.level=WARN \
    -jar "$(app_dir "$1")/quarkus-run.jar" > "$WORK/$1${4:-}.log" 2>&1 &
  echo $! > "$WORK/$1${4:-}.pid"
}
ready() { curl -sf "http://127.0.0.1:$1/q/health/ready" >/dev/null; }

SIGNER=()
if [ "$SIGNED" = yes ]; then
  say "enrolling the benchmark's probe (node bench-node) at alert-service, stopped again before the events are written"
  service alert-service 18282 alert_bench "-enrol"
  enrol() {
    curl -sf -X POST -H 'Content-Type: application/json' -o "$WORK/fleet/enrolment.json" \
      -d "{\"enrolSecret\":\"$(cat "$WORK/fleet/enrol-secret")\",\"node\":\"bench-node\",\"mode\":\"HOST\",\"zone\":\"bench\",\"scopes\":[]}" \
      http://127.0.0.1:18282/api/v1/probes/enrolments
  }
  wait_until 120 "probe enrolled" enrol || die "enrolment failed; see $WORK/alert-service-enrol.log"
  stop_pid "$WORK/alert-service-enrol.pid" alert-service
  read -r probe_id probe_key < <(python3 -c 'import json,sys; e=json.load(open(sys.argv[1])); print(e["probeId"], e["key"])' "$WORK/fleet/enrolment.json")
  SIGNER=("$probe_id" "$probe_key")
fi

say "writing $EVENTS + $WARM listener events for $HOSTS hosts ($MIX mix, signed: $SIGNED)"
"${GENERATOR[@]}" write "$TOTAL" "$HOSTS" "$MIX" "${SIGNER[@]}" >&2

say "Kafka's ConsumerPerformance on portwatch.listeners"
java -cp "$LIB/*" org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$BOOTSTRAP" \
  --topic portwatch.listeners --num-records "$TOTAL" --timeout 60000 > "$WORK/consumer-perf.txt" 2>/dev/null
kafka_rate=$(awk -F', *' '/^[0-9][0-9][0-9][0-9]-/ { print $6 }' "$WORK/consumer-perf.txt")

service registry-service 18281 registry_bench
wait_until 120 "registry ready: knowledge published" ready 18281 || die "registry not ready; see $WORK/registry-service.log"
lag() {
  java -cp "$LIB/*" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$BOOTSTRAP" \
    --describe --group alert-service 2>/dev/null | awk '$1 == "alert-service" && $6 ~ /^[0-9]+$/ { sum += $6; n++ } END { print (n ? sum : -1) }'
}
lag_is_zero() { [ "$(lag)" = "0" ]; }
say "starting $INSTANCES alert-service instance(s) in one group; they consume the backlog once their knowledge views have caught up"
for i in $(seq 1 "$INSTANCES"); do service alert-service $((18281 + i)) alert_bench "-$i"; done
for i in $(seq 1 "$INSTANCES"); do
  wait_until 120 "alert-service $i ready" ready $((18281 + i)) || die "alert-service $i not ready; see $WORK/alert-service-$i.log"
done
metric_sum() { # metric_sum NAME: a counter summed over every instance (with all its tags)
  for i in $(seq 1 "$INSTANCES"); do curl -sf "http://127.0.0.1:$((18281 + i))/q/metrics"; done \
    | awk -v name="$1" 'index($0, name) == 1 { sum += $NF } END { printf "%d", sum }'
}
consumed() { metric_sum portwatch_alert_listener_records_total; } # processed or dead-lettered: a whole scrape, looked at sparingly
cpu_seconds() { # the CPU time (user + system) the alert-service instances have used so far, in seconds
  local ticks=0 pid
  for i in $(seq 1 "$INSTANCES"); do
    pid=$(cat "$WORK/alert-service-$i.pid")
    ticks=$((ticks + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'
}
thread_ticks() { # thread_ticks: "tid name ticks" of the instances' threads now (CPU clock ticks, user + system; the name as
  # /proc gives it, at most 15 characters, a pool's numbers as N and spaces as _, so that a pool's threads add up)
  local pid
  for i in $(seq 1 "$INSTANCES"); do
    pid=$(cat "$WORK/alert-service-$i.pid")
    # A thread may end while its stat is read. Its name is between the first "(" and the last ")" and may hold
    # spaces, so the fields after it are counted from there.
    { cat /proc/"$pid"/task/*/stat 2>/dev/null || true; } | awk 'match($0, /\(.*\)/) {
      name = substr($0, RSTART + 1, RLENGTH - 2); gsub(/#[0-9]+/, "#N", name); gsub(/-[0-9]+/, "-N", name)
      sub(/[0-9]+$/, "N", name); gsub(/ /, "_", name)
      split(substr($0, RSTART + RLENGTH + 1), f, " "); print $1, name, f[12] + f[13] }'
  done
}
ticks_since() { # ticks_since FILE: the CPU seconds the "id ticks" lines on stdin add to those FILE held (an id new since counts from 0;
  # one gone since is not counted)
  awk -v hz="$(getconf CLK_TCK)" -v before="$1" 'BEGIN { while ((getline line < before) > 0) { split(line, f, " "); t[f[1]] = f[2] } }
    { used += $2 - ($1 in t ? t[$1] : 0) } END { printf "%.1f", used / hz }'
}
threads_cpu_since() { # threads_cpu_since FILE: "name seconds" per thread name, the CPU its threads used since thread_ticks wrote FILE,
  # most first (a thread that ended meanwhile, as the JVM stops idle compiler threads, is not counted: a lower bound)
  thread_ticks | awk -v hz="$(getconf CLK_TCK)" -v before="$1" '
    BEGIN { while ((getline line < before) > 0) { split(line, f, " "); t[f[1]] = f[3] } }
    { used[$2] += $3 - ($1 in t ? t[$1] : 0) } END { for (name in used) printf "%s %.2f\n", name, used[name] / hz }' | sort -k2,2nr
}
threads_matching() { awk -v re="$2" '$1 ~ re { s += $2 } END { printf "%.1f", s }' "$1"; } # threads_matching FILE REGEX: their seconds
# HotSpot's compiler threads; ParallelGC's workers (the collector the manifests choose).
JIT_THREADS='^C[12]_CompilerThre' GC_THREADS='^GC_Thread'
psql_bench() { runuser -u postgres -- psql -qtA -d alert_bench -c "$1"; }
pg_ticks() { # pg_ticks: "pid ticks" of every PostgreSQL backend serving alert_bench now (CPU clock ticks, user + system)
  local pid
  for pid in $(psql_bench "SELECT pid FROM pg_stat_activity WHERE datname = 'alert_bench' AND pid <> pg_backend_pid()"); do
    [ -r "/proc/$pid/stat" ] && awk -v p="$pid" '{ print p, $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || true
  done
}
pg_cpu_since() { # pg_cpu_since FILE: the CPU seconds the backends used since pg_ticks wrote FILE (new backends count from 0)
  pg_ticks | ticks_since "$1"
}
counters() { # counters: "events changes transactions" from one scrape of every instance: the records consumed, the
  # finding changes made and the transactions that stored listener batches, read at one moment
  for i in $(seq 1 "$INSTANCES"); do curl -sf "http://127.0.0.1:$((18281 + i))/q/metrics"; done | awk '
    index($0, "portwatch_alert_listener_records_total") == 1 { e += $NF }
    index($0, "portwatch_alert_finding_changes_total") == 1 { c += $NF }
    index($0, "portwatch_alert_listener_transaction_records_count") == 1 { t += $NF }
    END { printf "%d %d %d\n", e, c, t }'
}
deadline=$((SECONDS + DEADLINE_SECONDS))
rate_until() { # rate_until COUNT: waits until COUNT events are consumed; sets counted (the events consumed meanwhile, COUNT and the last look's overshoot), rate, seconds, cpu (alert-service CPU s, of which jit_cpu and gc_cpu its JIT compiler and collector threads'), pg_cpu and changes since the call
  local started from cpu_from changes_from transactions_from to changes_to transactions_to count looked looked_count now
  # The counts and the CPU are read first and together, in the order they are read at the end: each CPU window holds
  # the events, changes and transactions counted.
  started=$(date +%s.%N)
  read -r from changes_from transactions_from < <(counters)
  cpu_from=$(cpu_seconds)
  thread_ticks > "$WORK/thread-ticks"
  pg_ticks > "$WORK/pg-ticks"
  looked=$started looked_count=$from
  until count=$(consumed); [ "$count" -ge "$1" ]; do
    [ "$SECONDS" -lt "$deadline" ] || die "only $count of $1 events consumed after $DEADLINE_SECONDS s"
    # Each look is a scrape of /q/metrics, whose work counts as alert-service's CPU: half the time left by the rate
    # since the last look or by the rate since the phase began, whichever is shorter (at most 2 s, at least 0.2 s).
    # By the phase's rate alone, a steady-mix run, which speeds up several times over its cold phase, overshot: on a
    # fast hour its last wait took in 650,000 of the warm phase's events (bench/RESULTS.md, alert-steady-overshoot-28).
    # The last wait still overshoots by what is consumed in it (at least 0.2 s: 50,000 events at the steady mix's warm
    # rate), counted in the window.
    now=$(date +%s.%N)
    sleep "$(awk -v recent="$((count - looked_count))" -v done="$((count - from))" -v left="$(($1 - count))" \
      -v s="$started" -v l="$looked" -v now="$now" 'BEGIN {
      wait = recent > 0 ? left * (now - l) / recent / 2 : 0
      if (done > 0 && left * (now - s) / done / 2 < wait) wait = left * (now - s) / done / 2
      printf "%.1f", (wait < 0.2 ? 0.2 : (wait > 2 ? 2 : wait)) }')"
    looked=$now looked_count=$count
  done
  seconds=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  read -r to changes_to transactions_to < <(counters)
  counted=$((to - from))
  rate=$(awk -v n="$counted" -v t="$seconds" 'BEGIN { printf "%.0f", n / t }')
  cpu=$(awk -v a="$cpu_from" -v b="$(cpu_seconds)" 'BEGIN { printf "%.1f", b - a }')
  threads_cpu_since "$WORK/thread-ticks" > "$WORK/thread-cpu"
  jit_cpu=$(threads_matching "$WORK/thread-cpu" "$JIT_THREADS")
  gc_cpu=$(threads_matching "$WORK/thread-cpu" "$GC_THREADS")
  pg_cpu=$(pg_cpu_since "$WORK/pg-ticks")
  changes=$((changes_to - changes_from))
  transactions=$((transactions_to - transactions_from))
}
per_event() { awk -v c="$1" -v n="$2" 'BEGIN { printf "%.1f", c * 1e6 / n }'; } # per_event CPU_S EVENTS: CPU µs per event
# Consumption starts as the knowledge view catches up, a moment before readiness is seen: counted from then.
rate_until "$EVENTS"
cold_rate=$rate cold_seconds=$seconds cold_cpu=$cpu cold_pg_cpu=$pg_cpu cold_changes=$changes cold_events=$counted
[ $((cold_events * 2)) -ge "$EVENTS" ] || die "only $cold_events of the $EVENTS cold events were consumed after the count began: raise BENCH_EVENTS"
warm_rate=0 warm_cpu=0 warm_pg_cpu=0 warm_changes=0 warm_events=0 warm_transactions=0
if [ "$WARM" -gt 0 ]; then
  rate_until "$TOTAL"
  warm_rate=$rate warm_cpu=$cpu warm_pg_cpu=$pg_cpu warm_changes=$changes warm_transactions=$transactions warm_jit_cpu=$jit_cpu warm_gc_cpu=$gc_cpu warm_events=$counted
  [ $((warm_events * 2)) -ge "$WARM" ] || die "only $warm_events of the $WARM warm events fell in the warm window (the cold window's last look or the readings between the windows took the rest): raise BENCH_WARM_EVENTS"
fi
wait_until 30 "consumer group alert-service committed everything (lag 0)" lag_is_zero || die "lag is $(lag) after every event was consumed"
say "end-to-end latency: listener event sent -> finding on portwatch.alerts ($LATENCY_COUNT events at $LATENCY_RATE/s right after the load, $LATENCY_REST at rest ${LATENCY_SETTLE} s later)"
latency=$("${GENERATOR[@]}" latency "$LATENCY_COUNT" "$LATENCY_RATE" "$LATENCY_SETTLE" "$LATENCY_REST" "${SIGNER[@]}")
unchanged=$(metric_sum portwatch_alert_listener_events_unchanged_total)
one_apart=$(metric_sum portwatch_alert_listener_snapshots_one_apart_total)
findings=$(psql_bench "SELECT count(*) FROM finding")
open=$(psql_bench "SELECT count(*) FROM finding WHERE state = 'OPEN'")
read -r updates hot_updates < <(psql_bench "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'finding'" | tr '|' ' ')

printf '\n%-52s %14s\n' "consumer" "events/s"
printf '%-52s %14.0f\n' "Kafka ConsumerPerformance (raw)" "$kafka_rate"
printf '%-52s %14.0f\n' "alert-service x$INSTANCES (correlated, findings stored)" "$cold_rate"
awk -v a="$cold_rate" -v k="$kafka_rate" 'BEGIN { printf "ratio alert-service/raw: %.2fx (target >= 0.3x and >= 20000 events/s)\n", a / k }'
echo "events: $EVENTS for $HOSTS hosts ($MIX mix) in $cold_seconds s from a cold start (JIT warm-up included)"
echo "alert-service CPU: $cold_cpu s, $(per_event "$cold_cpu" "$cold_events") µs per event (all its threads: JIT and GC included)"
if [ "$WARM" -gt 0 ]; then
  printf '%-52s %14.0f\n' "alert-service x$INSTANCES warmed up (the next $WARM events)" "$warm_rate"
  awk -v a="$warm_rate" -v k="$kafka_rate" 'BEGIN { printf "ratio warmed-up alert-service/raw: %.2fx\n", a / k }'
  echo "alert-service CPU warmed up: $warm_cpu s, $(per_event "$warm_cpu" "$warm_events") µs per event"
  # The JIT still compiles what runs once per transaction, not per event (the producer, the interceptors, the driver).
  echo "of which the JIT's compiler threads $warm_jit_cpu s, the collector's threads $warm_gc_cpu s"
  # Per thread: a change to what one thread runs shows there, apart from the collector's and the JIT's swings.
  echo "alert-service CPU warmed up by thread (µs per event): the listener threads, the collector's, and any other with at least 0.5% of it:"
  awk -v events="$warm_events" -v total="$warm_cpu" '$1 ~ /^(listener-(store|poll)|GC_Thread#N)$/ || $2 >= total / 200 { printf "alert-service CPU per event warmed up, thread %s: %.2f\n", $1, $2 * 1e6 / events }' \
    "$WORK/thread-cpu"
fi
echo "findings stored: $findings ($open open); events that changed nothing, settled without the database: $unchanged of $TOTAL"
echo "SNAPSHOTs one listener apart from their host's last, settled without decoding: $one_apart"
echo "$latency"
# The cost of a finding change, cold and warm together (a change costs the same once the JIT is warm; the events
# that change nothing cost alert-service CPU too, so its figure per change is an upper bound).
all_changes=$((cold_changes + warm_changes))
echo "alert-service events/s cold: $cold_rate"
echo "alert-service events/s warmed up: $warm_rate"
echo "alert-service CPU per event cold: $(per_event "$cold_cpu" "$cold_events")"
[ "$WARM" -gt 0 ] && echo "alert-service CPU per event warmed up: $(per_event "$warm_cpu" "$warm_events")"
[ "$WARM" -gt 0 ] && echo "alert-service CPU per event warmed up, the JIT's compiler threads left out: $(per_event \
  "$(awk -v c="$warm_cpu" -v j="$warm_jit_cpu" 'BEGIN { print c - j }')" "$warm_events")"
echo "finding changes: $all_changes"
echo "finding changes warmed up: $warm_changes"
echo "store transactions warmed up: $warm_transactions"
echo "events cold, counted in the window: $cold_events"
echo "events warmed up, counted in the window: $warm_events"
echo "alert-service CPU per change: $(per_event "$(awk -v a="$cold_cpu" -v b="$warm_cpu" 'BEGIN { print a + b }')" "$((all_changes > 0 ? all_changes : 1))")"
echo "PostgreSQL CPU (alert-service's backends): $cold_pg_cpu s cold, $warm_pg_cpu s warmed up, $(per_event "$(awk -v a="$cold_pg_cpu" -v b="$warm_pg_cpu" 'BEGIN { print a + b }')" "$((cold_events + warm_events))") µs per event"
echo "PostgreSQL CPU per change: $(per_event "$(awk -v a="$cold_pg_cpu" -v b="$warm_pg_cpu" 'BEGIN { print a + b }')" "$((all_changes > 0 ? all_changes : 1))")"
echo "finding updates: $updates"
echo "finding HOT updates: $hot_updates"
echo "latency p99 ms: $(sed -n 's/.*right after the load: .*p99 \([0-9]*\).*/\1/p' <<< "$latency")"
if [ "$LATENCY_REST" -gt 0 ]; then
  echo "latency p99 ms at rest: $(sed -n 's/^latency ms at rest .*p99 \([0-9]*\).*/\1/p' <<< "$latency")"
fi
