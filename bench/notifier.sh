#!/usr/bin/env bash
# notifier-service's delivery rate to a local webhook receiver, against the rate alert-service produces finding changes.
#
# Writes BENCH_CHANGES finding changes (distinct findings, as alert-service writes them) to portwatch.alerts of a
# private loopback broker, then starts notifier-service with only its webhook output on, pointed at a receiver on
# 127.0.0.1 (python3, threaded, HTTP/1.1 keep-alive, answers 204), and measures from the notifier being ready until its
# portwatch_notifier_delivered_total reaches BENCH_CHANGES: the backlog drained at full speed, JIT warm-up
# included. Runs with BENCH_BATCHES (default "1 100": changes per request) one after the other. Prints each rate and
# its ratio to BENCH_ALERT_CHANGES_PER_SECOND, the rate alert-service produced changes at in its own benchmark
# (default 2,600/s: bench/RESULTS.md, alert-pipeline fleet mix warmed up, ~75,000 changes per 1,000,000 events at
# 32,500-36,000 events/s). The notifier is not the demo's bottleneck when the ratio is above 1.
#
#   bench/notifier.sh                         (20,000 changes, batches of 1 and 100)
#   BENCH_CHANGES=50000 BENCH_BATCHES=1 bench/notifier.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PORTWATCH_STATE=${PORTWATCH_STATE:-$ROOT/.portwatch/bench-notifier}
source "$ROOT/deploy/local/lib.sh"

CHANGES=${BENCH_CHANGES:-20000}
read -r -a BATCHES <<< "${BENCH_BATCHES:-1 100}"
ALERT_RATE=${BENCH_ALERT_CHANGES_PER_SECOND:-2600}
export PORTWATCH_KAFKA_PORT=19392
BOOTSTRAP=127.0.0.1:$PORTWATCH_KAFKA_PORT
RECEIVER_PORT=18390
NOTIFIER_PORT=18385
WORK=$PORTWATCH_STATE/notifier
DEADLINE_SECONDS=600
JAR=$ROOT/notifier-service/target/quarkus-app/quarkus-run.jar

[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl notifier-service -am)
mkdir -p "$WORK"
cleanup() {
  for pid in "$WORK"/*.pid; do [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true; done
  "$ROOT/deploy/local/kafka.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The receiver: counts the changes of each request (its X-Portwatch-Dedup-Key lists them), GET /count answers the sum.
python3 - "$RECEIVER_PORT" > "$WORK/receiver.log" 2>&1 <<'PY' &
import sys, threading
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
count, lock = 0, threading.Lock()
class Receiver(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'  # keeps connections open, as receivers behind a web server do
    def do_POST(self):
        global count
        self.rfile.read(int(self.headers.get('Content-Length', 0)))
        with lock:
            count += len(self.headers.get('X-Portwatch-Dedup-Key', '').split(','))
        self.send_response(204); self.send_header('Content-Length', '0'); self.end_headers()
    def do_GET(self):
        body = str(count).encode()
        self.send_response(200); self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *args):
        pass
ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Receiver).serve_forever()
PY
echo $! > "$WORK/receiver.pid"
wait_until 30 "receiver on 127.0.0.1:$RECEIVER_PORT" curl -sf "http://127.0.0.1:$RECEIVER_PORT/count" -o /dev/null \
  || die "the receiver did not start; see $WORK/receiver.log"

delivered() {
  curl -sf "http://127.0.0.1:$NOTIFIER_PORT/q/metrics" | awk '/^portwatch_notifier_delivered_total\{/ { sum += $NF } END { printf "%d", sum }'
}

results=()
for batch in "${BATCHES[@]}"; do
  rm -rf "$PORTWATCH_STATE/kafka"
  "$ROOT/deploy/local/kafka.sh" start
  say "writing $CHANGES finding changes"
  java -cp "$ROOT/notifier-service/target/quarkus-app/lib/main/*" "$ROOT/bench/src/FindingChangeGenerator.java" "$BOOTSTRAP" "$CHANGES" \
    >&2 2>"$WORK/generator.log"
  before=$(curl -sf "http://127.0.0.1:$RECEIVER_PORT/count")
  java -Xmx512m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$NOTIFIER_PORT" -Dkafka.bootstrap.servers="$BOOTSTRAP" \
    -Dportwatch.notifier.webhook.url="http://127.0.0.1:$RECEIVER_PORT/hook" -Dportwatch.notifier.webhook.batch-size="$batch" \
    -Dquarkus.log.level=WARN -jar "$JAR" > "$WORK/notifier-batch-$batch.log" 2>&1 &
  echo $! > "$WORK/notifier.pid"
  wait_until 120 "notifier-service ready" curl -sf "http://127.0.0.1:$NOTIFIER_PORT/q/health/ready" -o /dev/null \
    || die "notifier-service not ready; see $WORK/notifier-batch-$batch.log"
  started=$(date +%s.%N)
  until [ "$(delivered)" -ge "$CHANGES" ]; do
    [ "$(echo "$(date +%s.%N) - $started < $DEADLINE_SECONDS" | bc)" = 1 ] || die "not delivered within $DEADLINE_SECONDS s: $(delivered) of $CHANGES"
    sleep 0.2
  done
  seconds=$(echo "$(date +%s.%N) - $started" | bc)
  received=$(( $(curl -sf "http://127.0.0.1:$RECEIVER_PORT/count") - before ))
  stop_pid "$WORK/notifier.pid" notifier-service
  "$ROOT/deploy/local/kafka.sh" stop
  rate=$(echo "$CHANGES / $seconds" | bc)
  results+=("$(printf 'batch %-4s %8s changes in %6.1f s: %7s changes/s delivered (%s received), %5.1fx alert-service'"'"'s %s/s' \
    "$batch" "$CHANGES" "$seconds" "$rate" "$received" "$(echo "$rate / $ALERT_RATE" | bc -l)" "$ALERT_RATE")")
done
printf '%s\n' "${results[@]}"
