#!/usr/bin/env bash
# Container images without a registry: a Debian bookworm base with a Java 17 runtime, built with
# debootstrap from the machine's Debian mirror and imported with `docker import`, then one image per
# service FROM that base (deploy/images/service.Dockerfile: non-root, Quarkus fast-jar layout, no build
# tools, a health check). The base is cached: it is rebuilt only when this script or its package list
# changes (its tag is a digest of them).
#
#   deploy/images/build.sh base              the base image (portwatch/base:<digest>, also :latest)
#   deploy/images/build.sh services          base + registry-, alert- and probe-service (build the jars first)
#
# Needs root, debootstrap and a Docker engine (deploy/local/docker.sh start).
set -euo pipefail
source "$(dirname "$0")/../local/lib.sh"

PACKAGES=openjdk-17-jre-headless,ca-certificates
SERVICES=(registry-service alert-service probe-service)

mirror() { # the machine's configured Debian mirror
  awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null \
    || awk '/^deb / && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list
}

base() {
  command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"
  docker info >/dev/null 2>&1 || die "no Docker engine answers: deploy/local/docker.sh start"
  local digest tag
  digest=$( { cat "$0"; echo "$PACKAGES"; } | sha256sum | cut -c1-12)
  tag=portwatch/base:$digest
  if docker image inspect "$tag" >/dev/null 2>&1; then
    say "base image $tag is up to date"
  else
    local root; root=$(mktemp -d)
    trap 'rm -rf "$root"' RETURN
    say "debootstrap bookworm with $PACKAGES from $(mirror) (about a minute)"
    debootstrap --variant=minbase --include="$PACKAGES" bookworm "$root" "$(mirror)" >"$PORTWATCH_STATE/debootstrap.log" 2>&1 \
      || die "debootstrap failed; see $PORTWATCH_STATE/debootstrap.log"
    chroot "$root" apt-get clean
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*
    tar -C "$root" -c . | docker import -c 'ENV LANG=C.UTF-8' - "$tag" >/dev/null
    say "imported $tag"
  fi
  docker tag "$tag" portwatch/base:latest
}

services() {
  base
  for service in "${SERVICES[@]}"; do
    [ -f "$PORTWATCH_ROOT/$service/target/quarkus-app/quarkus-run.jar" ] \
      || die "$service is not built: ./mvnw -B package -DskipTests"
    docker build -q -f "$PORTWATCH_ROOT/deploy/images/service.Dockerfile" -t "portwatch/$service:latest" \
      "$PORTWATCH_ROOT/$service/target/quarkus-app" >/dev/null
    say "built portwatch/$service:latest"
  done
}

mkdir -p "$PORTWATCH_STATE"
case "${1:-}" in
  base) base ;;
  services) services ;;
  *) echo "usage: $0 base|services" >&2; exit 2 ;;
esac
