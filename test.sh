#!/usr/bin/env bash
# Runs every test of the project: unit, integration on a real Elasticsearch node of the default version, dashboards
# (mvn verify), then the plugin of every supported Elasticsearch line built and smoke-tested on a real node of that line
# whose integ-test distribution Maven Central serves (scripts/build-plugins.sh --smoke; zips in target/plugins,
# distributions cached in the local Maven repository). SKIP_SMOKE=1 skips the second part.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/env.sh
mvn -B -ntp verify "$@"
if [ "${SKIP_SMOKE:-0}" != 1 ]; then
  scripts/build-plugins.sh --smoke --out target/plugins
fi
