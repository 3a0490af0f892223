# Shared helpers of the local-run scripts (sourced, not run).
# PORTWATCH_STATE: where pid files, logs and data live (default: <repo>/.portwatch).

PORTWATCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PORTWATCH_STATE=${PORTWATCH_STATE:-$PORTWATCH_ROOT/.portwatch}

say() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*" >&2; }
die() { say "error: $*"; exit 1; }

# A script that stops on a failed command (set -e) says which one, rather than ending in silence.
trap 'say "error: stopped at line $LINENO: \"$BASH_COMMAND\" failed (exit $?)"' ERR

# as_postgres COMMAND...: runs COMMAND as the postgres user from /, a directory it can enter (the checkout may be private).
as_postgres() { (cd / && runuser -u postgres -- "$@"); }

# port_open HOST PORT: whether something accepts TCP connections there.
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# pid_alive FILE: whether the process named in a pid file runs.
pid_alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# wait_until SECONDS WHAT COMMAND...: polls COMMAND every 0.2 s until it succeeds or the deadline passes.
wait_until() {
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
  say "$what ($((seconds - deadline + SECONDS)) s)"
}

# stop_pid FILE NAME: TERM, then KILL after 20 s, and remove the pid file.
stop_pid() {
  local file=$1 name=$2
  if pid_alive "$file"; then
    local pid; pid=$(cat "$file")
    kill "$pid"
    local deadline=$((SECONDS + 20))
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      say "$name did not stop in 20 s; killing it"
      kill -9 "$pid" 2>/dev/null || true
    fi
    say "$name stopped"
  else
    say "$name is not running"
  fi
  rm -f "$file"
}
