#!/usr/bin/env bash
# Builds the Elasticsearch plugin zip for one Elasticsearch version, from a fresh shell (picks a JDK 21+ like test.sh).
# Usage: scripts/build-plugin.sh [<elasticsearch version>]   (default: the newest supported, the parent pom's)
# Output: es-ingest-plugin/target/privacy-metrics-<plugin version>-es<elasticsearch version>.zip
# Supported versions: scripts/build-plugins.sh --list. No tests are run (./test.sh runs them for the default version).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
args=(-B -ntp -q -pl es-ingest-plugin -am clean package -Dplugin.only -Dmaven.test.skip=true)
if [ $# -gt 0 ]; then args+=("-Delasticsearch.version=$1"); fi
mvn "${args[@]}"
ls -1 "$PWD"/es-ingest-plugin/target/privacy-metrics-*-es*.zip
