# What the probe benchmarks share (sourced after deploy/local/lib.sh, with ROOT, WORK, PROBE_PORT and
# PORTWATCH_KAFKA_PORT set): the jars, a private broker cleaned up on exit, the simulators and the probe.

# Builds probe-service and the simulators when a jar is missing; sets SIMULATORS_JAR.
build_probe_and_simulators() {
  [ -f "$ROOT/probe-service/target/quarkus-app/quarkus-run.jar" ] && ls "$ROOT"/simulators/target/portwatch-simulators-*.jar >/dev/null 2>&1 \
    || (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl simulators,probe-service -am)
  SIMULATORS_JAR=$(ls "$ROOT"/simulators/target/portwatch-simulators-*.jar | head -1)
}

# Starts the broker and the JWT keys; on exit, stops every process with a pid file in $WORK and the broker.
start_broker() {
  mkdir -p "$WORK"
  trap 'for pid in "$WORK"/*.pid; do [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true; done
        "$ROOT/deploy/local/kafka.sh" stop >/dev/null 2>&1 || true' EXIT
  "$ROOT/deploy/local/kafka.sh" start
  "$ROOT/deploy/local/jwt.sh" keys
}

# start_simulators WHAT ARGS...: the simulators in the background, until they say they are ready.
start_simulators() {
  local what=$1; shift
  java -jar "$SIMULATORS_JAR" "$@" > "$WORK/simulators.log" 2>&1 &
  echo $! > "$WORK/simulators.pid"
  wait_until 60 "simulators ready: $what" grep -q "simulators: ready" "$WORK/simulators.log" \
    || die "simulators failed; see $WORK/simulators.log"
}

# start_probe -Dkey=value...: probe-service on 127.0.0.1:$PROBE_PORT against the private broker (JVM options from
# BENCH_PROBE_JAVA_OPTS, e.g. -XX:StartFlightRecording=filename=/tmp/probe.jfr,settings=profile); its health and
# metrics on 127.0.0.1:$PROBE_MANAGEMENT_PORT (the next port).
start_probe() {
  PROBE_MANAGEMENT_PORT=$((PROBE_PORT + 1))
  java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PROBE_PORT" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$PROBE_MANAGEMENT_PORT" -Dkafka.bootstrap.servers=127.0.0.1:"$PORTWATCH_KAFKA_PORT" \
    -Dmp.jwt.verify.publickey.location="$PORTWATCH_STATE/jwt/public.pem" ${BENCH_PROBE_JAVA_OPTS:-} "$@" \
    -jar "$ROOT/probe-service/target/quarkus-app/quarkus-run.jar" > "$WORK/probe.log" 2>&1 &
  echo $! > "$WORK/probe.pid"
}
