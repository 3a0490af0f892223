#!/usr/bin/env bash
# Installs (Debian packages, when missing) and starts what the test suite needs, from the project's own files:
# PostgreSQL (postgres.sh), dockerd (docker.sh), the packages the namespace, container, image and notifier tests use.
# Kafka is not started here: every test module starts its own broker through kafka.sh (jars from Maven Central).
# Idempotent; run as root (it installs packages and starts daemons).
#
#   prerequisites.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PACKAGES=(
  busybox-static   # the container test imports Debian's static busybox as its image
  mmdebstrap       # deploy/images/build.sh builds the service images from a Debian rootfs
  debootstrap      # ... with debootstrap's merged /usr (mmdebstrap's merged-usr hook runs its setup_merged_usr)
  iproute2         # ip and ss: network namespaces, veth links, the host-inventory reference
  util-linux       # nsenter
  python3          # listeners the namespace tests open
  lsof             # probe-service's lsof host-inventory backend (the macOS one), tested here on Linux
  masscan          # bench/tcp-sweep.sh's limit to compare with (a bench peer, not a test dependency)
  curl
  openssl
  prometheus-alertmanager   # the notifier's Alertmanager output is tested against a real Alertmanager
  prometheus       # promtool checks and unit-tests the alert rules; a real Prometheus scrapes the system test's services
  chromium         # the console's browser test drives Debian's headless Chromium (never a downloaded browser)
  chromium-driver  # ... through Selenium's chromedriver
)

missing=()
for package in "${PACKAGES[@]}"; do dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package"); done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || die "missing packages ${missing[*]}; run as root, or: sudo apt-get install -y ${missing[*]}"
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi
"$PORTWATCH_ROOT/deploy/local/postgres.sh" start   # installs Debian's postgresql when missing
"$PORTWATCH_ROOT/deploy/local/docker.sh" start     # installs Debian's docker.io when missing, starts dockerd
say "ready: PostgreSQL, dockerd and ${#PACKAGES[@]} packages"
