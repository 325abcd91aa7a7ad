#!/usr/bin/env bash
# JMH benchmark of the appender's overhead (docs/benchmarks.md, section "Logback appender").
#   ./logback-appender/bench.sh [JMH options, e.g. -wi 2 -i 3]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
mvn -B -ntp -q -pl logback-appender -am install -DskipTests
exec mvn -B -ntp -q -pl logback-appender -Pbench test-compile exec:exec -Dbench.args="$*"
