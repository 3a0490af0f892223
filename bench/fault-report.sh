#!/usr/bin/env bash
# Writes the "Fault tolerance" section of bench/RESULTS.md from the rows the fault tests wrote
# (system-tests/target/fault-tolerance.tsv; FaultToleranceIT runs this script when it ends). The section
# sits between markers and is replaced as a whole; the rest of the file is kept.
#
#   bench/fault-report.sh system-tests/target/fault-tolerance.tsv
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROWS=${1:?usage: $0 ROWS.tsv}
[ -s "$ROWS" ] || { echo "$ROWS is empty: no scenario ran" >&2; exit 1; }

section=$(mktemp)
trap 'rm -f "$section"' EXIT
{
  echo "<!-- fault-tolerance -->"
  echo "## Fault tolerance"
  echo
  echo "Written by \`bench/fault-report.sh\` from \`FaultToleranceIT\` (\`./mvnw -B verify -pl system-tests -Dit.test=FaultToleranceIT\`),"
  echo "run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores: a fleet of 100 simulated hosts (network namespaces, 10 listeners"
  echo "each, opening and closing every 20 ms) watched by probe-service in host mode, with the stack as processes on one machine."
  echo "Listener changes count from the start of the run; finding changes are the database's findingId@version,"
  echo "each expected exactly once on \`portwatch.alerts\`; expected findings are the legacy-service-exposed"
  echo "findings of every legacy listener ever opened, found those in the right state (OPEN while open, RESOLVED once"
  echo "closed). Recovery runs from the end of the disruption until alert-service's lag is 0 and every finding is right."
  echo
  echo "| scenario | listener changes | finding changes | findings expected | found | duplicated | lost | recovery (s) | notes |"
  echo "|---|---|---|---|---|---|---|---|---|"
  awk -F '\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$ROWS"
  echo "<!-- /fault-tolerance -->"
} > "$section"

"$ROOT/bench/results-section.sh" fault-tolerance "$section"
echo "wrote the Fault tolerance section of $ROOT/bench/RESULTS.md" >&2
