#!/usr/bin/env bash
# Regression guard for the performance targets of issue 16: each comparison at a reduced size, in a few minutes, printing
#   <name>: ratio X (target ≤ Y) MET/NOT MET
# Full sizes and figures: docs/benchmarks.md. Usage: scripts/bench.sh [section...]  (sections: rollup; default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh >/dev/null

# verdict NAME VALUE TARGET: prints the line and remembers a miss
MISSED=0
verdict() {
  local name=$1 value=$2 target=$3
  if awk -v v="$value" -v t="$target" 'BEGIN { exit !(v <= t) }'; then
    echo "$name: ratio $value (target ≤ $target) MET"
  else
    echo "$name: ratio $value (target ≤ $target) NOT MET"
    MISSED=1
  fi
}

# Rollup (es-ingest-plugin RollupBenchmarkIT): one-pass rollup vs the paged composite aggregation over the same grouping,
# same index, interleaved, on one real node; events loaded through the intake as the writer. Reduced sizes: 125k events /
# 12.5k users, then 500k / 50k (about 11 minutes here under load, 6 of them starting the node). Full sizes (2M/5M/8M):
# docs/benchmarks.md "Rollups".
# ROLLUP_BENCH_SIZES=2000000:200000,5000000:500000,8000000:800000 runs the full sizes (over an hour here: loading through the intake ran at about 2,400 events/s under load).
# The whole log: es-ingest-plugin/target/rollup-bench.log (figures appear as each size completes).
bench_rollup() {
  local log=es-ingest-plugin/target/rollup-bench.log
  mkdir -p es-ingest-plugin/target
  mvn -B -ntp -o -pl es-ingest-plugin verify -Dit.test=RollupBenchmarkIT -Drollup.bench=true \
      -Dprivacy.es.heap="${ROLLUP_BENCH_HEAP:-1g}" -Dprivacy.es.start.timeout=900 \
      -Drollup.bench.sizes="${ROLLUP_BENCH_SIZES:-125000:12500,500000:50000}" -Drollup.bench.rounds=2 \
      -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoSpecifiedTests=false >"$log" 2>&1 \
    || { tail -50 "$log"; echo "rollup: benchmark failed (log $log)"; MISSED=1; return; }
  grep 'ROLLUP-BENCH' "$log" | sed 's/^/  /'
  local last ratio growth linear
  last=$(grep 'ROLLUP-BENCH events=.* ratio=' "$log" | tail -1)
  ratio=$(sed -E 's/.*ratio=([0-9.]+).*/\1/' <<<"$last")
  verdict "rollup one-pass / paged composite ($(sed -E 's/.*events=([0-9]+).*/\1/' <<<"$last") events)" "$ratio" 0.1
  growth=$(grep 'ROLLUP-BENCH growth' "$log" | sed -E 's/.*one_pass time x([0-9.]+).*/\1/')
  linear=$(grep 'ROLLUP-BENCH growth' "$log" | sed -E 's/.*events x([0-9.]+).*/\1/')
  # growth target: at most 1.2 x linear, i.e. (time ratio) / (events ratio) ≤ 1.2
  verdict "rollup one-pass growth / linear (events x$linear)" "$(awk -v g="$growth" -v l="$linear" 'BEGIN { printf "%.2f", g / l }')" 1.2
}

sections=("$@")
[ ${#sections[@]} -eq 0 ] && sections=(rollup)
for s in "${sections[@]}"; do
  case "$s" in
    rollup) bench_rollup ;;
    *) echo "unknown section [$s]" >&2; exit 2 ;;
  esac
done
exit $MISSED
