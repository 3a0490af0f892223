#!/usr/bin/env bash
# The Docker engine from Debian's docker.io package, for tests that run containers: installs it when
# missing and starts dockerd when it is not running. No registry is reachable, so images are imported
# locally (tests build their own; see deploy/images for the service images). Idempotent.
#
#   docker.sh start    install if missing, start dockerd, wait until `docker info` answers
#   docker.sh stop     stop the dockerd this script started
#   docker.sh status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PID_FILE=$PORTWATCH_STATE/dockerd.pid
LOG_FILE=$PORTWATCH_STATE/logs/dockerd.log

engine_answers() { docker info >/dev/null 2>&1; }

install_if_missing() {
  command -v dockerd >/dev/null && return
  [ "$(id -u)" -eq 0 ] || die "Docker is not installed; run as root, or: sudo apt-get install -y docker.io"
  say "installing Debian's docker.io package"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >&2
}

start() {
  install_if_missing
  if engine_answers; then
    say "Docker engine is running"
    return
  fi
  mkdir -p "$(dirname "$LOG_FILE")"
  say "starting dockerd (log: $LOG_FILE)"
  nohup dockerd >"$LOG_FILE" 2>&1 &
  echo $! >"$PID_FILE"
  wait_until 60 "Docker engine answers" engine_answers \
    || die "dockerd did not answer within 60 s; see $LOG_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid "$PID_FILE" dockerd ;;
  status) if engine_answers; then say "Docker engine is running"; else say "Docker engine is not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
