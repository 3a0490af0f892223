#!/bin/sh
# Removes Portwatch's host probe from a Mac (docs/macos.md): stops and removes the launchd daemon
# io.portwatch.probe and the probe itself. The state directory (probe.properties, the enrol secret, the Kafka
# certificates, the enrolled identity) and the logs are kept unless --purge is given, or you answer yes when asked.
# Idempotent: what is already gone is skipped.
#
#   sudo ./uninstall.sh [--purge | --keep-state] [--root DIR] [--no-launchctl]
#
#   --purge          delete the state directory and the logs too, without asking
#   --keep-state     keep them, without asking (the default when there is no terminal to ask on)
#   --root DIR       remove from under DIR instead of / (a test installs into a temporary directory)
#   --no-launchctl   do not call launchctl (also when launchctl is not there)
set -eu

root= launchctl=yes purge=ask

die() { echo "uninstall.sh: $*" >&2; exit 1; }
say() { echo "uninstall.sh: $*"; }

while [ $# -gt 0 ]; do
  case $1 in
    --purge) purge=yes; shift ;;
    --keep-state) purge=no; shift ;;
    --root) [ $# -ge 2 ] || die "--root needs a directory"; root=$2; shift 2 ;;
    --no-launchctl) launchctl=no; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
. "$(cd "$(dirname "$0")" && pwd)/layout.sh"

if [ "$launchctl" = no ]; then
  say "--no-launchctl: not stopping the daemon through launchctl"
elif ! command -v launchctl >/dev/null 2>&1; then
  say "no launchctl here (not macOS): nothing to stop"
elif launchctl print "system/$LABEL" >/dev/null 2>&1; then
  launchctl bootout "system/$LABEL" || die "launchctl bootout system/$LABEL failed"
  say "stopped $LABEL"
fi

if [ -f "$plist" ]; then rm -f "$plist"; say "removed $plist"; fi
if [ -d "$state/probe" ]; then rm -rf "$state/probe"; say "removed $state/probe"; fi

if [ ! -d "$state" ] && [ ! -d "$logs" ]; then
  say "no state or logs left"
  exit 0
fi
if [ "$purge" = ask ]; then
  if [ -t 0 ]; then
    printf '%s' "Delete $state (config, enrol secret, Kafka certificates, this Mac's enrolled identity) and $logs? [y/N] "
    read -r answer || answer=
    case $answer in [yY]|[yY][eE][sS]) purge=yes ;; *) purge=no ;; esac
  else
    purge=no
  fi
fi
if [ "$purge" = yes ]; then
  rm -rf "$state" "$logs"
  say "deleted $state and $logs. This Mac's node stays enrolled in alert-service: a fleet-admin revokes it"
  say "(POST /api/v1/probes/{id}/revoke) before a new install can enrol it again"
else
  say "kept $state (config, secrets, enrolled identity) and $logs; delete them with: sudo ./uninstall.sh --purge"
fi
