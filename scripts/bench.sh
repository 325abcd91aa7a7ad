#!/usr/bin/env bash
# Regression guard of issue 16 (target 4): each comparison of docs/benchmarks.md at a reduced size, both sides of
# every ratio measured in the same run. Each section is one function and prints, per ratio,
#   <name>: measured ratio <x> (target <op> <y>) MET|NOT MET
# The full sizes and their commands are in docs/benchmarks.md. Takes a few minutes in all on the 2-core build machine.
#
#   scripts/bench.sh            # every section
#   scripts/bench.sh edge       # only the named section(s)
#
# Exit status: 0 when every ratio printed is MET, 1 otherwise (2 when a section could not run).
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

RESULTS=()

# Records the verdict lines of a section's output (and shows the whole output).
collect() {
  local out="$1"
  printf '%s\n' "$out"
  while IFS= read -r line; do
    RESULTS+=("$line")
  done < <(printf '%s\n' "$out" | grep -E ': measured ratio .* (MET|NOT MET)$')
}

# Edge (logback-appender, issue 16 target 3): one usage event through MetricsIdAppender + LogstashEncoder against a
# hand-written baseline with plain logstash-logback-encoder and against the plain encoder (time and allocation,
# interleaved in one JVM), and 1/2/4/8 logging threads through one appender into the Elasticsearch transport.
edge_comparison() {
  echo "== edge: MetricsIdAppender (logback-appender) =="
  # compiles privacy-metrics-core from this tree too (-am), without installing anything
  mvn -B -ntp -q -o -pl logback-appender -am test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null || { echo "edge: build failed"; return 2; }
  local cp="logback-appender/target/test-classes:logback-appender/target/classes:$(cat logback-appender/target/bench-classpath.txt)"
  collect "$(java -Xms512m -Xmx512m -cp "$cp" org.privacymetrics.logback.bench.EdgeComparison 10 20 150 2>/dev/null)"
  collect "$(java -cp "$cp" org.privacymetrics.logback.bench.TransportScaling 2 1 2>/dev/null | grep -vE '^(#|Iteration|$)' \
      | sed -n '/^scaling through/,$p')"
}

# To add a comparison: write a function that prints its verdict lines through `collect`, add it to the case below and
# to the default list.
main() {
  local sections=("$@")
  [ ${#sections[@]} -eq 0 ] && sections=(edge)
  local status=0
  for s in "${sections[@]}"; do
    case "$s" in
      edge) edge_comparison || status=2 ;;
      *) echo "unknown section [$s]; known: edge" >&2; exit 2 ;;
    esac
  done
  echo
  echo "== summary ($(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)) =="
  printf '%s\n' "${RESULTS[@]}"
  if printf '%s\n' "${RESULTS[@]}" | grep -q 'NOT MET$'; then
    status=$(( status == 0 ? 1 : status ))
  fi
  exit $status
}

main "$@"
