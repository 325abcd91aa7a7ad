#!/usr/bin/env bash
# Regression guard for the performance targets of issue 16: each comparison runs at a reduced size (a few minutes) and
# prints one line "<name>: measured ratio X (target ...) MET|NOT MET". Full sizes and recorded figures:
# docs/benchmarks.md. Both sides of every ratio are measured in the same run, interleaved.
#
#   scripts/bench.sh            # every comparison
#   scripts/bench.sh ingest     # only the named ones
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

# Ingest: the full pipeline through the intake name metrics-events against the same bulk through a one-processor no-op
# pipeline, on one real node (IngestBenchmarkIT; 100,000 events, 3 rotating rounds; about 6-10 minutes with the node's
# start on the shared 2-core machine).
bench_ingest() {
  local log
  log=$(mktemp)
  if ! mvn -B -ntp -o -pl es-ingest-plugin verify -Dit.test=IngestBenchmarkIT -Dingest.bench=true \
      -Dingest.bench.events="${INGEST_BENCH_EVENTS:-100000}" -Dingest.bench.rounds="${INGEST_BENCH_ROUNDS:-3}" \
      -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoSpecifiedTests=false >"$log" 2>&1; then
    tail -50 "$log" >&2
    echo "ingest: benchmark failed (log: $log)"
    return 1
  fi
  grep -h "INGEST-BENCH" "$log" | sed 's/^/  /'
  # "ingest: ..." compares throughput (the target's definition); "ingest-cpu: ..." the node's CPU time per event, which
  # the other processes on a shared machine disturb less
  grep -h -E "^ingest(-cpu)? \(" "$log" | sed -E -e 's/^(ingest(-cpu)?) \([^)]*\)/\1/' -e 's/>=/≥/'
  rm -f "$log"
}

all=(ingest)
status=0
for name in "${@:-${all[@]}}"; do
  "bench_$name" || status=1
done
exit $status
