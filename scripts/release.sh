#!/usr/bin/env bash
# Release bundle in dist/: every plugin zip (one per supported Elasticsearch version), the appender jar with its
# sources and javadoc jars and pom, privacy-metrics-core (the appender's dependency) and the parent pom, the dashboards'
# NDJSON and import script, and SHA256SUMS over all of it (verify: cd dist && sha256sum -c SHA256SUMS).
# Usage: scripts/release.sh [--smoke]   (--smoke: smoke-test the zips on real nodes, see scripts/build-plugins.sh)
# Runs no unit or integration tests: run ./test.sh on the same commit first.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
rm -rf dist
scripts/build-plugins.sh "$@"

echo "== building the appender, its sources and javadoc"
mvn -B -ntp -q -pl logback-appender -am package -DskipTests -Ddoclint=none \
  org.apache.maven.plugins:maven-source-plugin:3.3.1:jar-no-fork \
  org.apache.maven.plugins:maven-javadoc-plugin:3.11.2:jar
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
cp pom.xml "dist/privacy-metrics-parent-$version.pom"
for m in privacy-metrics-core:privacy-metrics-core logback-appender:privacy-metrics-logback; do
  dir=${m%%:*}; art=${m##*:}
  cp "$dir/pom.xml" "dist/$art-$version.pom"
  cp "$dir/target/$art-$version.jar" "$dir/target/$art-$version-sources.jar" "$dir/target/$art-$version-javadoc.jar" dist/
done
cp kibana-dashboards/privacy-metrics.ndjson kibana-dashboards/import.sh dist/

(cd dist && find . -maxdepth 1 -type f ! -name SHA256SUMS ! -name '*.sha256' -printf '%f\n' | sort | xargs sha256sum > SHA256SUMS)
echo "== dist/"
ls -1 dist
