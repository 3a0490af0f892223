#!/usr/bin/env bash
# alert-service throughput with 1, 2 and 3 instances in one consumer group, each run against Kafka's own
# ConsumerPerformance on the same backlog (bench/alert-pipeline.sh with BENCH_ALERT_INSTANCES), and a
# table of the three. On this 2-core machine the instances share the cores with the broker and
# PostgreSQL: the figures show what a second and third instance buy when CPU, not partitions, is short.
#
#   bench/alert-scale-out.sh                 (300,000 events for 3,000 hosts, fleet mix, per run)
#   BENCH_EVENTS=1000000 BENCH_HOSTS=10000 bench/alert-scale-out.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export BENCH_EVENTS=${BENCH_EVENTS:-300000} BENCH_HOSTS=${BENCH_HOSTS:-3000} BENCH_LATENCY_EVENTS=${BENCH_LATENCY_EVENTS:-100}
export BENCH_WARM_EVENTS=${BENCH_WARM_EVENTS:-0}
rows=()
for instances in 1 2 3; do
  out=$(BENCH_ALERT_INSTANCES=$instances BENCH_SIGNED=${BENCH_SIGNED:-yes} "$ROOT/bench/alert-pipeline.sh")
  echo "$out" | tail -7 >&2
  raw=$(echo "$out" | awk '/^Kafka ConsumerPerformance/ { print $NF }')
  alert=$(echo "$out" | awk '/^alert-service x/ { print $NF }')
  rows+=("$(printf '%-10s %14s %14s %8s' "$instances" "$raw" "$alert" "$(awk -v a="$alert" -v k="$raw" 'BEGIN { printf "%.2fx", a / k }')")")
done
printf '\n%-10s %14s %14s %8s\n' "instances" "raw events/s" "alert events/s" "ratio"
printf '%s\n' "${rows[@]}"
