#!/usr/bin/env bash
# The end-to-end demo: a real Elasticsearch node with the plugin, three sample services logging through
# MetricsIdAppender, monthly noised rollups, answers next to the synthetic truth, dashboard previews.
# Usage: ./demo.sh [--users N] [--seed S] [--keep] [--previews DIR | --no-previews]
# Node files go to demo/target/demo-node, previews to demo/target/previews.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/env.sh
echo "Building (the first run downloads dependencies and the Elasticsearch distribution from Maven Central)..."
mvn -B -ntp -q -pl demo -am install -DskipTests
exec mvn -B -ntp -q -pl demo initialize exec:java -Dexec.args="$*"
