#!/usr/bin/env bash
# Writes the "Hostile inputs" section of bench/RESULTS.md from the rows HostileFleetIT wrote
# (system-tests/target/hostile-inputs.tsv: input, expected, seen, pipeline stalls; the test runs this script
# when it ends). The section sits between markers and is replaced as a whole; the rest of the file is kept.
#
#   bench/hostile-report.sh system-tests/target/hostile-inputs.tsv
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROWS=${1:?usage: $0 ROWS.tsv}
[ -s "$ROWS" ] || { echo "$ROWS is empty: no check ran" >&2; exit 1; }

section=$(mktemp)
trap 'rm -f "$section"' EXIT
{
  echo "<!-- hostile-inputs -->"
  echo "## Hostile inputs"
  echo
  echo "Written by \`bench/hostile-report.sh\` from \`HostileFleetIT\` (\`./mvnw -B verify -pl system-tests -Dit.test=HostileFleetIT\`),"
  echo "run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores: the stack as processes (a broker, PostgreSQL, registry- and alert-service,"
  echo "a host-mode probe reading every network namespace and a network-mode probe scanning 127.77.0.1-3:311 on a schedule)"
  echo "while legitimate hosts (network namespaces) open and close 311/3031/3283 and other legacy listeners every 20 ms, and"
  echo "hostile hosts and a hostile producer do what each row says. Pipeline stalls counts, up to that row, the"
  echo "times alert-service's \`/q/health/live\` (polled every 500 ms all through) was not 200 plus the scheduled scans"
  echo "the probe skipped because the previous one was still running."
  echo
  echo "| input | expected | seen | pipeline stalls |"
  echo "|---|---|---|---|"
  awk -F '\t' '{ printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }' "$ROWS"
  echo "<!-- /hostile-inputs -->"
} > "$section"

"$ROOT/bench/results-section.sh" hostile-inputs "$section"
echo "wrote the Hostile inputs section of $ROOT/bench/RESULTS.md" >&2
