#!/bin/sh
# Installs Portwatch's host probe on a Mac as the launchd daemon io.portwatch.probe (docs/macos.md). Run as root,
# from a copy of deploy/macos next to the probe's build (probe-service/target/quarkus-app). Idempotent: a second run
# replaces the probe and the daemon's plist, keeps probe.properties and everything else in the state directory.
#
#   sudo ./install.sh [--app DIR] [--java PATH] [--root DIR] [--no-launchctl]
#
#   --app DIR        the probe's Quarkus application directory (default: ../../probe-service/target/quarkus-app
#                    from this script, or ./quarkus-app beside it)
#   --java PATH      the java to run it with (default: $JAVA_HOME/bin/java, /usr/libexec/java_home -v 17+, java)
#   --root DIR       install under DIR instead of / (a test installs into a temporary directory)
#   --no-launchctl   write the files only; do not load the daemon (also when launchctl is not there)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
app= java= root= launchctl=yes

die() { echo "install.sh: $*" >&2; exit 1; }
say() { echo "install.sh: $*"; }

while [ $# -gt 0 ]; do
  case $1 in
    --app) [ $# -ge 2 ] || die "--app needs a directory"; app=$2; shift 2 ;;
    --java) [ $# -ge 2 ] || die "--java needs a path"; java=$2; shift 2 ;;
    --root) [ $# -ge 2 ] || die "--root needs a directory"; root=$2; shift 2 ;;
    --no-launchctl) launchctl=no; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
. "$(cd "$(dirname "$0")" && pwd)/layout.sh"

# The probe: the directory the build made (quarkus-run.jar and its lib/).
if [ -z "$app" ]; then
  for candidate in "$here/../../probe-service/target/quarkus-app" "$here/quarkus-app"; do
    if [ -f "$candidate/quarkus-run.jar" ]; then app=$candidate; break; fi
  done
fi
[ -n "$app" ] && [ -f "$app/quarkus-run.jar" ] \
  || die "no probe to install: give --app with the directory holding quarkus-run.jar (build it with: ./mvnw -pl probe-service -am package -DskipTests)"

# A Java runtime, 17 or newer.
if [ -z "$java" ]; then
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java=$JAVA_HOME/bin/java
  elif [ -x /usr/libexec/java_home ] && home=$(/usr/libexec/java_home -v 17+ 2>/dev/null); then java=$home/bin/java
  elif command -v java >/dev/null 2>&1; then java=$(command -v java)
  fi
fi
if [ -n "$java" ] && [ ! -x "$java" ]; then
  die "$java is not an executable Java runtime: the probe needs Java 17 or newer (install a JRE or JDK 17+, or give --java /path/to/bin/java)"
fi
[ -n "$java" ] \
  || die "no Java runtime found: the probe needs Java 17 or newer (install a JRE or JDK 17+, e.g. Eclipse Temurin, then run again, or give --java /path/to/bin/java)"
# /usr/bin/java on a Mac without a JDK is a stub that only prints an advice: ask it for its version.
version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1)
major=${version#1.}; major=${major%%.*}
case $major in
  ''|*[!0-9]*) die "$java is not a usable Java runtime (no java.specification.version): the probe needs Java 17 or newer" ;;
esac
[ "$major" -ge 17 ] || die "$java is Java $version: the probe needs Java 17 or newer (or give --java /path/to/bin/java)"
say "Java $version: $java"

# Files: the state directory (root's, 700), the probe, the config (600, written once), logs, the daemon's plist.
umask 022
mkdir -p "$state/kafka/user" "$logs" "$(dirname "$plist")"
chmod 700 "$state" "$state/kafka" "$state/kafka/user"
rm -rf "$state/probe.new"
cp -R "$app" "$state/probe.new"
rm -rf "$state/probe"
mv "$state/probe.new" "$state/probe"
say "probe in $state/probe"

if [ -f "$state/probe.properties" ]; then
  say "keeping $state/probe.properties"
else
  (umask 077 && cp "$here/probe.properties.template" "$state/probe.properties")
  say "wrote $state/probe.properties"
fi
chmod 600 "$state/probe.properties"

# The plist with this machine's paths. XML-escape them (& < >); the config's location as a file: URI (spaces as %20).
escape() { printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'; }
sed_value() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }
installed_state="/Library/Application Support/Portwatch"
state_uri="file://$(printf '%s' "$installed_state" | sed 's/ /%20/g')"
sed -e "s|@JAVA@|$(sed_value "$(escape "$java")")|g" \
    -e "s|@PORTWATCH_URI@|$(sed_value "$(escape "$state_uri")")|g" \
    -e "s|@PORTWATCH@|$(sed_value "$(escape "$installed_state")")|g" \
    "$here/$LABEL.plist" > "$plist.new"
chmod 644 "$plist.new"
mv "$plist.new" "$plist"
if [ "$(id -u)" -eq 0 ]; then
  chown -R 0:0 "$state" "$logs" "$plist"
fi
say "daemon $plist, logs in $logs"

# Placeholders left: the files are in place, the daemon waits for the config.
if grep -v '^[[:space:]]*#' "$state/probe.properties" | grep -q '<[^>]*>'; then
  say "probe.properties still has <placeholders>: fill them in (docs/macos.md), add the enrol secret and the Kafka"
  say "certificates, then run install.sh again to start the daemon"
  exit 0
fi
for needed in enrol-secret kafka/ca.crt kafka/user/user.p12 kafka/user/user.password; do
  [ -f "$state/$needed" ] || say "warning: $state/$needed is missing (docs/macos.md says where it comes from)"
done

if [ "$launchctl" = no ]; then
  say "--no-launchctl: the daemon is not loaded"
elif ! command -v launchctl >/dev/null 2>&1; then
  say "no launchctl here (not macOS): the daemon is not loaded"
else
  # Reload: an earlier version of the daemon is stopped first (not an error when none is loaded).
  launchctl bootout "system/$LABEL" >/dev/null 2>&1 || true
  launchctl bootstrap system "$plist" || die "launchctl bootstrap system $plist failed"
  say "loaded $LABEL: check it with: sudo launchctl print system/$LABEL"
fi
