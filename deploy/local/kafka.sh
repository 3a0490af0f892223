#!/usr/bin/env bash
# A real Apache Kafka broker (KRaft, one node, 127.0.0.1 only) run from the Kafka jars that
# Maven resolves (deploy/local/kafka/pom.xml). Idempotent: `start` on a running broker only
# makes sure the topics of topics.conf exist.
#
#   kafka.sh start|stop|status|topics
#
# PORTWATCH_STATE          state directory (default <repo>/.portwatch); the broker lives in $PORTWATCH_STATE/kafka
# PORTWATCH_KAFKA_PORT     client port (default 19092); the controller listens on the next port
# PORTWATCH_KAFKA_LIB      where the jars are kept (default <repo>/.portwatch/kafka-lib, shared by all state dirs)
# PORTWATCH_KAFKA_HEAP     broker heap (default 512m)
# PORTWATCH_KAFKA_CREATE_TOPICS  `no`: `start` leaves the topics to the caller (the tests' KafkaBroker creates them
#                          with one Admin client; this script runs a JVM per topic)
# PORTWATCH_KAFKA_BIND     address the client listener binds to (default 127.0.0.1; a container uses 0.0.0.0)
# PORTWATCH_KAFKA_ADVERTISED           host:port clients are told to use (default 127.0.0.1:<port>)
# PORTWATCH_KAFKA_EXTERNAL_ADVERTISED  optional host:port of a second client listener on <port>+2, for clients
#                                      outside a container network (e.g. localhost:<published port>)
# PORTWATCH_KAFKA_TLS_PORT             optional port of a TLS client listener with client certificates, as the
#                                      Kubernetes cluster's (tests of TLS clients); with it:
# PORTWATCH_KAFKA_TLS_KEYSTORE         the broker's PKCS12 key store, PORTWATCH_KAFKA_TLS_PASSWORD its password, and
# PORTWATCH_KAFKA_TLS_CLIENT_CA        the PEM certificates client certificates must be signed by
#
#   kafka.sh run             the broker in the foreground (a container's entrypoint): formats the storage on
#                            first start, creates the topics once it answers, stops on SIGTERM
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT=${PORTWATCH_KAFKA_PORT:-19092}
CONTROLLER_PORT=$((PORT + 1))
HOME_DIR=$PORTWATCH_STATE/kafka
LIB=${PORTWATCH_KAFKA_LIB:-$PORTWATCH_ROOT/.portwatch/kafka-lib}
PID_FILE=$HOME_DIR/kafka.pid
LOG_FILE=$HOME_DIR/kafka.log
BOOTSTRAP=127.0.0.1:$PORT
BIND=${PORTWATCH_KAFKA_BIND:-127.0.0.1}
ADVERTISED=${PORTWATCH_KAFKA_ADVERTISED:-127.0.0.1:$PORT}
EXTERNAL_ADVERTISED=${PORTWATCH_KAFKA_EXTERNAL_ADVERTISED:-}
TLS_PORT=${PORTWATCH_KAFKA_TLS_PORT:-}

resolve_jars() {
  [ -f "$LIB/.complete" ] && return
  say "resolving the Kafka broker jars from Maven into $LIB"
  mkdir -p "$LIB"
  "$PORTWATCH_ROOT/mvnw" -B -q -f "$PORTWATCH_ROOT/deploy/local/kafka/pom.xml" \
    dependency:copy-dependencies -DoutputDirectory="$LIB" >&2 || die "could not resolve the Kafka jars (is Maven Central reachable?)"
  touch "$LIB/.complete"
}

kafka_java() {
  java -Xms128m -Xmx"${PORTWATCH_KAFKA_HEAP:-512m}" -cp "$LIB/*" \
    -Dlog4j2.configurationFile="$HOME_DIR/log4j2.properties" "$@"
}

write_config() {
  mkdir -p "$HOME_DIR/data"
  local listeners="PLAINTEXT://$BIND:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT" advertised="PLAINTEXT://$ADVERTISED"
  if [ -n "$EXTERNAL_ADVERTISED" ]; then
    listeners+=",EXTERNAL://$BIND:$((PORT + 2))"
    advertised+=",EXTERNAL://$EXTERNAL_ADVERTISED"
  fi
  local tls=""
  if [ -n "$TLS_PORT" ]; then
    listeners+=",SSL://$BIND:$TLS_PORT"
    advertised+=",SSL://127.0.0.1:$TLS_PORT"
    tls="ssl.keystore.type=PKCS12
ssl.keystore.location=${PORTWATCH_KAFKA_TLS_KEYSTORE:?PORTWATCH_KAFKA_TLS_KEYSTORE is needed with PORTWATCH_KAFKA_TLS_PORT}
ssl.keystore.password=${PORTWATCH_KAFKA_TLS_PASSWORD:?PORTWATCH_KAFKA_TLS_PASSWORD is needed with PORTWATCH_KAFKA_TLS_PORT}
ssl.truststore.type=PEM
ssl.truststore.location=${PORTWATCH_KAFKA_TLS_CLIENT_CA:?PORTWATCH_KAFKA_TLS_CLIENT_CA is needed with PORTWATCH_KAFKA_TLS_PORT}
ssl.client.auth=required"
  fi
  cat > "$HOME_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$CONTROLLER_PORT
listeners=$listeners
advertised.listeners=$advertised
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:PLAINTEXT,SSL:SSL
inter.broker.listener.name=PLAINTEXT
log.dirs=$HOME_DIR/data
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.cleaner.backoff.ms=1000
$tls
PROPS
  cat > "$HOME_DIR/log4j2.properties" <<'PROPS'
rootLogger.level=WARN
rootLogger.appenderRef.out.ref=out
appender.out.type=Console
appender.out.name=out
appender.out.layout.type=PatternLayout
appender.out.layout.pattern=%d{ISO8601} %-5p [%c{1}] %m%n
logger.server.name=kafka.server.KafkaRaftServer
logger.server.level=INFO
PROPS
}

format_storage() {
  [ -f "$HOME_DIR/data/meta.properties" ] && return
  local cluster_id
  cluster_id=$(kafka_java kafka.tools.StorageTool random-uuid)
  kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$HOME_DIR/server.properties" --standalone >/dev/null
  say "formatted storage in $HOME_DIR/data"
}

create_topics() {
  local name partitions configs config_args pids=()
  while read -r name partitions configs; do
    case "$name" in ''|\#*) continue ;; esac
    config_args=()
    for config in ${configs//,/ }; do config_args+=(--config "$config"); done
    kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
      --topic "$name" --partitions "$partitions" --replication-factor 1 "${config_args[@]}" >/dev/null &
    pids+=($!)
  done < "$PORTWATCH_ROOT/deploy/local/topics.conf"
  for pid in "${pids[@]}"; do wait "$pid" || die "could not create the topics (see $LOG_FILE)"; done
  say "topics of deploy/local/topics.conf exist on $BOOTSTRAP"
}

start() {
  if pid_alive "$PID_FILE"; then
    say "already running (pid $(cat "$PID_FILE")) on $BOOTSTRAP"
  else
    port_open 127.0.0.1 "$PORT" && die "port $PORT is taken by another process; set PORTWATCH_KAFKA_PORT to a free port"
    resolve_jars
    write_config
    format_storage
    say "starting the broker on $BOOTSTRAP (log: $LOG_FILE)"
    setsid nohup java -Xms128m -Xmx"${PORTWATCH_KAFKA_HEAP:-512m}" -cp "$LIB/*" \
      -Dlog4j2.configurationFile="$HOME_DIR/log4j2.properties" \
      kafka.Kafka "$HOME_DIR/server.properties" > "$LOG_FILE" 2>&1 < /dev/null &
    echo $! > "$PID_FILE"
    wait_until 60 "broker accepts connections on $BOOTSTRAP" port_open 127.0.0.1 "$PORT" \
      || { tail -20 "$LOG_FILE" >&2; die "the broker did not start within 60 s (log: $LOG_FILE)"; }
  fi
  [ "${PORTWATCH_KAFKA_CREATE_TOPICS:-yes}" = no ] || create_topics
}

run() {
  resolve_jars
  write_config
  format_storage
  say "starting the broker on $BIND:$PORT, advertised as $ADVERTISED${EXTERNAL_ADVERTISED:+ and $EXTERNAL_ADVERTISED}"
  kafka_java kafka.Kafka "$HOME_DIR/server.properties" &
  local broker=$!
  trap 'kill -TERM "$broker" 2>/dev/null' TERM INT
  wait_until 60 "broker accepts connections on $BOOTSTRAP" port_open 127.0.0.1 "$PORT" \
    || { kill "$broker" 2>/dev/null; die "the broker did not start within 60 s"; }
  create_topics
  say "ready"
  # wait returns early when a signal arrives; the broker then shuts down cleanly, which is waited for.
  # The container exits with the broker's status.
  local status=0
  while kill -0 "$broker" 2>/dev/null; do wait "$broker" && status=0 || status=$?; done
  exit "$status"
}

status() {
  if pid_alive "$PID_FILE" && port_open 127.0.0.1 "$PORT"; then
    echo "kafka: running, pid $(cat "$PID_FILE"), $BOOTSTRAP"
  else
    echo "kafka: stopped"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  run) run ;;
  stop) stop_pid "$PID_FILE" "kafka" ;;
  status) status || exit $? ;;  # its exit code says what is down: not an error to report
  topics) create_topics ;;
  jars) resolve_jars ;;
  *) echo "usage: $0 start|run|stop|status|topics|jars" >&2; exit 2 ;;
esac
