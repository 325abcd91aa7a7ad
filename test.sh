#!/usr/bin/env bash
# Runs every test of the project: unit, integration on a real Elasticsearch node of the default version, dashboards
# (mvn verify), then the plugin of every supported Elasticsearch line built and smoke-tested on a real node of that line
# whose integ-test distribution Maven Central serves (scripts/build-plugins.sh --smoke; zips in target/plugins,
# distributions cached in the local Maven repository). The default line's zip is the one mvn verify built and ran
# every integration test against (a superset of the smoke test), so it is copied, not built and smoked again.
# SKIP_SMOKE=1 skips the second part.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/env.sh
mvn -B -ntp verify "$@"
if [ "${SKIP_SMOKE:-0}" != 1 ]; then
  read -r -a lines <<< "$(scripts/build-plugins.sh --list)"
  default=${lines[${#lines[@]}-1]} # the parent pom's elasticsearch.version, last in the list
  mkdir -p target/plugins
  if ls es-ingest-plugin/target/privacy-metrics-*-es"$default".zip > /dev/null 2>&1; then
    cp es-ingest-plugin/target/privacy-metrics-*-es"$default".zip target/plugins/
    lines=("${lines[@]:0:${#lines[@]}-1}")
  fi
  scripts/build-plugins.sh --smoke --out target/plugins "${lines[@]}"
fi
