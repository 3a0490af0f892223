#!/usr/bin/env bash
# Puts a section into bench/RESULTS.md between <!-- NAME --> and <!-- /NAME -->, replacing the one there
# (the rest of the file is kept) or appending it. The section file must start and end with those markers.
# Used by the report scripts of the system tests (fault-report.sh, hostile-report.sh).
#
#   bench/results-section.sh NAME SECTION.md
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NAME=${1:?usage: $0 NAME SECTION.md}
SECTION=${2:?usage: $0 NAME SECTION.md}
RESULTS=$ROOT/bench/RESULTS.md

if [ -f "$RESULTS" ] && grep -q "<!-- $NAME -->" "$RESULTS"; then
  awk -v section="$SECTION" -v opening="<!-- $NAME -->" -v closing="<!-- /$NAME -->" '
    $0 == opening { while ((getline line < section) > 0) print line; skipping = 1; next }
    $0 == closing { skipping = 0; next }
    !skipping' "$RESULTS" > "$RESULTS.new"
  mv "$RESULTS.new" "$RESULTS"
else
  { [ -f "$RESULTS" ] && cat "$RESULTS" && echo; [ -f "$RESULTS" ] || printf '# Benchmark and test results\n\n'; cat "$SECTION"; } > "$RESULTS.new"
  mv "$RESULTS.new" "$RESULTS"
fi
