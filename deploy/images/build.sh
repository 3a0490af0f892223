#!/usr/bin/env bash
# Container images without a registry. Root filesystems are built with mmdebstrap from the machine's
# Debian mirror and imported with `docker import`; everything else is built FROM them:
#   portwatch/base            Debian bookworm minbase + a Java 17 runtime
#   portwatch/<service>       registry-, alert-, probe- and notifier-service FROM base (service.Dockerfile: non-root,
#                             Quarkus fast-jar layout, no build tools, a health check)
#   portwatch/kafka           a KRaft broker FROM base, from the Kafka jars Maven resolves (kafka/Dockerfile)
#   portwatch/postgres        PostgreSQL 15 from Debian's packages (its own rootfs; postgres/Dockerfile)
#   portwatch/simulators      the legacy-service simulators FROM base (simulators.Dockerfile)
# A rootfs is cached: rebuilt only when this script or its package list changes (its tag is a digest of them).
#
#   deploy/images/build.sh base|postgres     one root filesystem image
#   deploy/images/build.sh services          base + the four services (build the jars first)
#   deploy/images/build.sh all               every image above (what the container system test uses)
#   deploy/images/build.sh summary           what is in each service image (base, Java, SBOM components, size, id)
#   deploy/images/build.sh pin [REGISTRY]    push the service images to REGISTRY (optional) and pin them by digest
#                                            in the production overlay (overlays/production/images/kustomization.yaml)
#
# Each service image carries the CycloneDX SBOM of its jars (the build's cyclonedx-maven-plugin) at
# /deployments/sbom/cyclonedx.json. Needs root, mmdebstrap and a Docker engine (deploy/local/docker.sh start).
set -euo pipefail
source "$(dirname "$0")/../local/lib.sh"

IMAGES=$PORTWATCH_ROOT/deploy/images
SERVICES=(registry-service alert-service probe-service notifier-service)
# Where the build writes a service's SBOM, relative to its quarkus-app/ (the image keeps the same path under /deployments).
SBOM=sbom/cyclonedx.json
PINS=$PORTWATCH_ROOT/deploy/kubernetes/overlays/production/images/kustomization.yaml

mirror() { # the machine's configured Debian mirror
  awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null \
    || awk '/^deb / && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list
}

# rootfs NAME PACKAGES: portwatch/NAME:<digest> (and :latest) from a bookworm minbase with PACKAGES: the package set
# debootstrap --variant=minbase gives (Priority required, apt, merged /usr the way debootstrap makes it), built by
# mmdebstrap, which downloads with apt at once and runs dpkg once without fsync (force-unsafe-io, for the build only:
# the option is removed from the image) instead of debootstrap's package-by-package passes.
rootfs() {
  local name=$1 packages=$2 digest tag
  command -v mmdebstrap >/dev/null || die "mmdebstrap is missing: apt-get install mmdebstrap"
  docker info >/dev/null 2>&1 || die "no Docker engine answers: deploy/local/docker.sh start"
  digest=$( { cat "$0"; echo "$packages"; } | sha256sum | cut -c1-12)
  tag=portwatch/$name:$digest
  if docker image inspect "$tag" >/dev/null 2>&1; then
    say "$tag is up to date"
  else
    local root; root=$(mktemp -d)
    trap 'rm -rf "$root"; trap - RETURN' RETURN
    say "mmdebstrap bookworm with $packages from $(mirror)"
    mmdebstrap --variant=minbase --include="$packages" --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
      --dpkgopt=force-unsafe-io bookworm "$root" "deb $(mirror) bookworm main" >"$PORTWATCH_STATE/mmdebstrap-$name.log" 2>&1 \
      || die "mmdebstrap failed; see $PORTWATCH_STATE/mmdebstrap-$name.log"
    rm "$root/etc/dpkg/dpkg.cfg.d/99mmdebstrap"
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*
    tar -C "$root" -c . | docker import -c 'ENV LANG=C.UTF-8' - "$tag" >/dev/null
    say "imported $tag"
  fi
  docker tag "$tag" "portwatch/$name:latest"
}

base() { rootfs base openjdk-17-jre-headless,ca-certificates; }

# image NAME DOCKERFILE CONTEXT: portwatch/NAME:latest
image() { # image NAME DOCKERFILE CONTEXT [docker build options]
  DOCKER_BUILDKIT=0 docker build -q -f "$2" -t "portwatch/$1:latest" "${@:4}" "$3" >/dev/null || die "could not build portwatch/$1"
  say "built portwatch/$1:latest"
}

services() {
  base
  for service in "${SERVICES[@]}"; do
    [ -f "$PORTWATCH_ROOT/$service/target/quarkus-app/quarkus-run.jar" ] \
      || die "$service is not built: ./mvnw -B package -DskipTests"
    [ -f "$PORTWATCH_ROOT/$service/target/quarkus-app/$SBOM" ] \
      || die "$service has no SBOM ($service/target/quarkus-app/$SBOM): the CycloneDX plugin writes it when ./mvnw package runs online (an offline build, -o, skips it)"
    local health=()
    # probe-service answers /q/health on its management port (quarkus.management.port in its application.properties).
    [ "$service" = probe-service ] && health=(--build-arg HEALTH_PORT=9083)
    image "$service" "$IMAGES/service.Dockerfile" "$PORTWATCH_ROOT/$service/target/quarkus-app" "${health[@]}"
  done
  summary
}

# summary: one line per service image: its base, Java runtime, SBOM components, size and image id; and where the
# base's Debian packages are listed. Everything is read from the images (docker create + cp: no container runs).
summary() {
  docker info >/dev/null 2>&1 || die "no Docker engine answers: deploy/local/docker.sh start"
  local packages=$PORTWATCH_STATE/images/base-packages.txt java service base size id components
  mkdir -p "$(dirname "$packages")"
  file_of portwatch/base:latest /var/lib/dpkg/status \
    | awk '/^Package: / { name = $2 } /^Version: / { print name, $2 }' > "$packages"
  [ -s "$packages" ] || die "could not list the packages of portwatch/base"
  java=$(awk '$1 == "openjdk-17-jre-headless" { print $2 }' "$packages")
  base=$(base_tag)
  local sboms; sboms=$(mktemp -d)
  trap 'rm -rf "$sboms"; trap - RETURN' RETURN
  for service in "${SERVICES[@]}"; do
    docker image inspect "portwatch/$service:latest" >/dev/null 2>&1 || { say "portwatch/$service:latest is not built"; continue; }
    file_of "portwatch/$service:latest" "/deployments/$SBOM" > "$sboms/$service"
  done
  printf '%-28s %-28s %-22s %15s %7s  %s\n' IMAGE BASE JAVA SBOM-COMPONENTS SIZE ID
  # One python3 for every SBOM: its start is the slow part on a busy machine.
  while read -r service components; do
    read -r size id < <(docker image inspect -f '{{.Size}} {{.Id}}' "portwatch/$service:latest")
    printf '%-28s %-28s %-22s %15s %7s  %s\n' "portwatch/$service" "$base" "${java:-?}" "$components" "$((size / 1000000)) MB" "$id"
  done < <(cd "$sboms" && sbom_components *)
  say "base: $(wc -l < "$packages") Debian packages, listed in $packages; each service's SBOM is /deployments/$SBOM in its image"
}

# file_of IMAGE PATH: the content of a file of an image, on standard output.
file_of() {
  local container; container=$(docker create --entrypoint true "$1") || die "could not read $1"
  docker cp "$container:$2" - | tar -xO || { docker rm "$container" >/dev/null; die "$1 has no $2"; }
  docker rm "$container" >/dev/null
}

# base_tag: the digest tag of the base image that portwatch/base:latest is.
base_tag() {
  local id; id=$(docker image inspect -f '{{.Id}}' portwatch/base:latest)
  docker image ls --no-trunc --format '{{.Repository}}:{{.Tag}} {{.ID}}' portwatch/base \
    | awk -v id="$id" '$2 == id && $1 !~ /:latest$/ { print $1; exit }'
}

# sbom_components FILE...: each CycloneDX JSON file's name and number of components, one line each.
sbom_components() {
  python3 -c 'import json, sys
for name in sys.argv[1:]:
    with open(name) as sbom:
        print(name, len(json.load(sbom).get("components", [])))' "$@"
}

# pin [REGISTRY]: the production overlay's image transformer, pinning each service image by digest. With REGISTRY
# (host[:port][/path]) the images are pushed there first and pinned by the registry's manifest digest, which is
# what a kubelet can pull by; without one, by the local image id (a content digest a registry never sees: pin again
# after pushing before deploying).
pin() {
  local registry=${1:-} service image digest name
  [ -z "$registry" ] || [[ "$registry" =~ ^[a-z0-9.-]+(:[0-9]{1,5})?(/[a-z0-9._-]+)*$ ]] \
    || die "REGISTRY is host[:port][/path] in lower case, e.g. registry.example.com:5000/security"
  docker info >/dev/null 2>&1 || die "no Docker engine answers: deploy/local/docker.sh start"
  local pins; pins=$(mktemp)
  {
    echo "# Generated by deploy/images/build.sh pin${registry:+ $registry} on $(date -u +%Y-%m-%dT%H:%M:%SZ): every Portwatch image by digest."
    echo "# Run it again after building (and pushing) new images; docs/deploy.md#images-pinned-by-digest."
    echo "apiVersion: kustomize.config.k8s.io/v1alpha1"
    echo "kind: Component"
    echo "images:"
  } > "$pins"
  for service in "${SERVICES[@]}"; do
    image=portwatch/$service:latest
    docker image inspect "$image" >/dev/null 2>&1 || { rm -f "$pins"; die "$image is not built: deploy/images/build.sh services"; }
    name=portwatch/$service
    if [ -n "$registry" ]; then
      name=$registry/portwatch/$service
      docker tag "$image" "$name:latest"
      docker push -q "$name:latest" >/dev/null || { rm -f "$pins"; die "could not push $name:latest (is the registry reachable, and are you logged in?)"; }
      digest=$(docker image inspect -f '{{range .RepoDigests}}{{println .}}{{end}}' "$image" | awk -F@ -v name="$name" '$1 == name { print $2; exit }')
      [ -n "$digest" ] || { rm -f "$pins"; die "$name has no repository digest after the push"; }
    else
      digest=$(docker image inspect -f '{{.Id}}' "$image")
    fi
    printf '  - name: portwatch/%s\n' "$service" >> "$pins"
    [ -z "$registry" ] || printf '    newName: %s\n' "$name" >> "$pins"
    printf '    digest: %s\n' "$digest" >> "$pins"
  done
  mv "$pins" "$PINS"
  chmod 644 "$PINS"
  say "pinned ${#SERVICES[@]} images in ${PINS#"$PORTWATCH_ROOT"/}${registry:+ (pushed to $registry)}"
}

postgres() {
  rootfs postgres-os postgresql-15
  image postgres "$IMAGES/postgres/Dockerfile" "$IMAGES/postgres"
}

kafka() {
  base
  local lib=${PORTWATCH_KAFKA_LIB:-$PORTWATCH_ROOT/.portwatch/kafka-lib} context
  [ -f "$lib/.complete" ] || PORTWATCH_KAFKA_LIB=$lib "$PORTWATCH_ROOT/deploy/local/kafka.sh" jars
  context=$(mktemp -d)
  trap 'rm -rf "$context"; trap - RETURN' RETURN
  mkdir -p "$context/deploy/local"
  cp -r "$lib" "$context/libs"
  cp "$PORTWATCH_ROOT"/deploy/local/{kafka.sh,lib.sh,topics.conf} "$context/deploy/local/"
  image kafka "$IMAGES/kafka/Dockerfile" "$context"
}

simulators() {
  base
  compgen -G "$PORTWATCH_ROOT/simulators/target/portwatch-simulators-*.jar" >/dev/null \
    || die "the simulators are not built: ./mvnw -B package -DskipTests"
  image simulators "$IMAGES/simulators.Dockerfile" "$PORTWATCH_ROOT/simulators/target"
}

# Both root filesystems at once: each is downloads and one mostly single-threaded dpkg run, so on two cores the pair
# takes little more than one (with debootstrap, measured here: 126 s for base alone, ~230 s one after the other).
root_filesystems() {
  base &
  local base_job=$!
  rootfs postgres-os postgresql-15 || { wait "$base_job"; return 1; }
  wait "$base_job" || die "the base root filesystem failed; see $PORTWATCH_STATE/mmdebstrap-base.log"
}

mkdir -p "$PORTWATCH_STATE"
case "${1:-}" in
  base) base ;;
  postgres) postgres ;;
  kafka) kafka ;;
  simulators) simulators ;;
  services) services ;;
  summary) summary ;;
  pin) pin "${2:-}" ;;
  all) root_filesystems; services; kafka; simulators; postgres ;;
  *) echo "usage: $0 base|postgres|kafka|simulators|services|all|summary|pin [REGISTRY]" >&2; exit 2 ;;
esac
