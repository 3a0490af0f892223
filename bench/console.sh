#!/usr/bin/env bash
# The console's server time with BENCH_FINDINGS findings (default 10,000) in the database: the findings list's
# first page (GET /api/v1/findings/search, 25 rows, as the console asks for it), a later page (by cursor), a
# filtered page, and the overview (GET /api/v1/findings/overview). The issue's bounds: list < 300 ms, overview < 500 ms.
# The peer, in the same run: the older page-number list (GET /api/v1/findings?page=, OFFSET) at the same depth as a
# keyset page (BENCH_DEEP_PAGE, default 200), and the ratio of the two.
#
# Starts its own loopback broker (port 19192) and alert-service (port 18090) on a fresh database, writes the findings
# and three history rows each (opened, acknowledged, resolved for a third) straight into PostgreSQL, then times
# BENCH_REQUESTS (default 50) requests of each with curl: time to first byte on loopback, which is the server's time
# plus well under a millisecond. Prints p50, p95 and max; stops what it started.
#
#   bench/console.sh                          (needs alert-service built: ./mvnw -q package -DskipTests -pl alert-service -am)
#   BENCH_FINDINGS=50000 bench/console.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PORTWATCH_STATE=${PORTWATCH_STATE:-$ROOT/.portwatch/bench-console}
export PORTWATCH_KAFKA_PORT=${BENCH_KAFKA_PORT:-19192}
source "$ROOT/deploy/local/lib.sh"

FINDINGS=${BENCH_FINDINGS:-10000}
REQUESTS=${BENCH_REQUESTS:-50}
PORT=${BENCH_ALERT_PORT:-18090}
DATABASE=portwatch_alert_bench_console
JAR=$ROOT/alert-service/target/quarkus-app/quarkus-run.jar
LOG=$PORTWATCH_STATE/alert.log
PID=$PORTWATCH_STATE/alert.pid
[[ "$FINDINGS" =~ ^[0-9]+$ && "$REQUESTS" =~ ^[0-9]+$ && "$FINDINGS" -le 1000000 && "$REQUESTS" -le 1000 ]] \
  || die "BENCH_FINDINGS (at most 1000000) and BENCH_REQUESTS (at most 1000) are whole numbers"
[ -f "$JAR" ] || die "build alert-service first: ./mvnw -q package -DskipTests -pl alert-service -am"
command -v curl >/dev/null || die "curl is missing"

cleanup() {
  stop_pid "$PID" alert-service || true
  "$ROOT/deploy/local/kafka.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
mkdir -p "$PORTWATCH_STATE"
"$ROOT/deploy/local/postgres.sh" start
"$ROOT/deploy/local/postgres.sh" database "$DATABASE" alert --fresh
"$ROOT/deploy/local/kafka.sh" start
"$ROOT/deploy/local/jwt.sh" keys
psql_bench() { runuser -u postgres -- psql -d "$DATABASE" -v ON_ERROR_STOP=1 -qtA "$@"; }

setsid nohup java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
  -Dkafka.bootstrap.servers="127.0.0.1:$PORTWATCH_KAFKA_PORT" -Dmp.jwt.verify.publickey.location="$PORTWATCH_STATE/jwt/public.pem" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$DATABASE" -jar "$JAR" > "$LOG" 2>&1 < /dev/null &
echo $! > "$PID"
base=http://127.0.0.1:$PORT/api/v1/findings
# It answers once started, so after its migrations: the rows below need its last schema.
wait_until 120 "alert-service on $PORT" curl -sf "$base/search?limit=1" -o /dev/null \
  || { tail -20 "$LOG" >&2; die "alert-service did not start; see $LOG"; }

say "writing $FINDINGS findings and their history"
started=$SECONDS
psql_bench <<SQL
INSERT INTO finding (finding_id, rule, host_id, transport, port, severity, severity_rank, state, host, listener, knowledge,
    title, description, remediation, reference_urls, first_seen, last_seen, seen_count, version, zone, asset, probe_id, probe_mode)
SELECT substr(md5('bench' || i), 1, 32),
       (ARRAY['legacy-service-exposed', 'amplification-reflector', 'plaintext-admin', 'unexpected-process', 'unassigned-port-listener'])[1 + i % 5],
       'bench-host-' || (i % 2000), t, p, (ARRAY['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'])[1 + i % 5], i % 5,
       CASE WHEN i % 3 = 0 THEN 'RESOLVED' WHEN i % 7 = 0 THEN 'ACKNOWLEDGED' ELSE 'OPEN' END,
       jsonb_build_object('id', 'bench-host-' || (i % 2000), 'name', 'bench-host-' || (i % 2000) || '.test', 'addresses', '[]'::jsonb, 'node', null),
       jsonb_build_object('transport', t, 'address', '0.0.0.0', 'port', p, 'ipVersion', 4, 'exposure', 'ALL_INTERFACES',
           'process', jsonb_build_object('pid', i, 'name', 'proc' || (i % 50), 'exe', '/usr/sbin/proc' || (i % 50), 'user', 'root', 'uid', 0),
           'evidence', null, 'netns', null, 'container', null, 'inode', null, 'sharedWith', '[]'::jsonb),
       jsonb_build_object('serviceName', 'svc-' || p, 'status', 'LEGACY', 'risk', 'HIGH'),
       'Bench finding ' || i || ' on ' || p || '/' || t, 'A finding written by bench/console.sh', 'Turn it off',
       ARRAY['https://example.org/' || p], now() - make_interval(mins => i), now() - make_interval(secs => i % 3600), 1,
       CASE WHEN i % 3 = 0 THEN 3 ELSE 2 END, 'bench', 'bench-host-' || (i % 2000), 'probe-bench', 'HOST'
FROM generate_series(1, $FINDINGS) AS i,
     LATERAL (SELECT (ARRAY['tcp', 'udp'])[1 + i % 2] AS t, 1 + (i * 7) % 5000 AS p) AS listener;
INSERT INTO finding_history (finding_id, version, state, severity, changed_at, reason)
SELECT f.finding_id, v, CASE v WHEN 1 THEN 'OPEN' WHEN 2 THEN 'ACKNOWLEDGED' ELSE 'RESOLVED' END, f.severity,
       f.first_seen + make_interval(mins => v * 5), 'bench'
FROM finding f, generate_series(1, 3) AS v WHERE v <= f.version;
ANALYZE finding; ANALYZE finding_history;
SQL
say "written in $((SECONDS - started)) s: $(psql_bench -c 'select count(*) from finding') findings, $(psql_bench -c 'select count(*) from finding_history') history rows"

cursor=$(curl -sf "$base/search?limit=25" | python3 -c 'import json,sys; print(json.load(sys.stdin)["nextCursor"])')

# time_of NAME URL: REQUESTS requests after 5 to warm up; p50/p95/max of the time to first byte, in ms.
time_of() {
  local name=$1 url=$2
  for _ in 1 2 3 4 5; do curl -sf "$url" -o /dev/null; done
  for _ in $(seq "$REQUESTS"); do curl -sf -o /dev/null -w '%{time_starttransfer}\n' "$url"; done | sort -n | awk -v name="$name" '
    { t[NR] = $1 * 1000 }
    END { printf "%-34s p50 %6.1f ms   p95 %6.1f ms   max %6.1f ms   (%d requests)\n", name, t[int(NR * 0.5 + 0.5)], t[int(NR * 0.95 + 0.5)], t[NR], NR }'
}

p50() { sed -E 's/.* p50 +([0-9.]+) ms.*/\1/' <<<"$1"; }

echo "== $FINDINGS findings; server time to first byte"
time_of "list, first page (25)" "$base/search?limit=25"
time_of "list, second page (cursor)" "$base/search?limit=25&cursor=$cursor"
time_of "list, open HIGH+CRITICAL, text q" "$base/search?limit=25&state=OPEN,ACKNOWLEDGED,STALE&severity=HIGH,CRITICAL&q=proc1"
time_of "list, by firstSeen" "$base/search?limit=25&sort=firstSeen"
time_of "overview (14 days)" "$base/overview?days=14"
time_of "export CSV (all)" "$base/export?format=csv"

# The peer: the older page-number list (OFFSET) of the same service, at the same depth as a keyset page reached by
# following DEEP cursors.
DEEP=${BENCH_DEEP_PAGE:-200}
if [ "$FINDINGS" -ge $((DEEP * 25 + 25)) ]; then
  deep_cursor=$cursor
  for _ in $(seq 3 "$DEEP"); do
    deep_cursor=$(curl -sf "$base/search?limit=25&cursor=$deep_cursor" | python3 -c 'import json,sys; print(json.load(sys.stdin)["nextCursor"])')
  done
  echo "== page $DEEP (findings $(( (DEEP - 1) * 25 + 1 ))-$((DEEP * 25))): keyset cursor against OFFSET"
  keyset=$(time_of "keyset, page $DEEP" "$base/search?limit=25&cursor=$deep_cursor")
  offset=$(time_of "offset (?page=), page $DEEP" "$base?page=$((DEEP - 1))&size=25")
  printf '%s\n' "$keyset" "$offset"
  awk -v k="$(p50 "$keyset")" -v o="$(p50 "$offset")" 'BEGIN { printf "ratio keyset/offset p50 at page '"$DEEP"': %.2fx\n", k / o }'
fi
