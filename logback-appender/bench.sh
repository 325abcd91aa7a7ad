#!/usr/bin/env bash
# JMH benchmarks of the appender (docs/benchmarks.md, section "Logback appender").
#   ./logback-appender/bench.sh [JMH options, e.g. -wi 2 -i 3 -prof gc]      # AppenderBenchmark
#   BENCH=TransportScalingBenchmark ./logback-appender/bench.sh -t 8          # another benchmark class
# Builds this tree (privacy-metrics-core included) without installing anything into the local repository.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
mvn -B -ntp -q -pl logback-appender -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="logback-appender/target/test-classes:logback-appender/target/classes:$(cat logback-appender/target/bench-classpath.txt)"
exec java -cp "$cp" org.openjdk.jmh.Main "org.privacymetrics.logback.bench.${BENCH:-AppenderBenchmark}\." "$@"
