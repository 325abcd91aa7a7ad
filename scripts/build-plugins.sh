#!/usr/bin/env bash
# Builds one plugin zip per supported Elasticsearch version into dist/, with SHA-256 checksums.
#
# Usage: scripts/build-plugins.sh [--smoke] [--out <dir>] [--list] [<version> ...]
#   (no version)  every supported version (SUPPORTED below)
#   --smoke       also smoke-test each zip whose integ-test distribution Maven Central serves (SMOKE_TESTABLE) on a
#                 real node of that version, security on (scripts/smoke-plugin.sh: setup, ingest with PII and a
#                 forbidden field, re-key, dedupe, a rollup run, the budget, forget, stats and the shipped roles);
#                 ./test.sh runs this after mvn verify
#   --out <dir>   where the zips go (default dist/; ./test.sh uses target/plugins)
#   --list        print the supported versions and exit
#
# The zips are <dir>/privacy-metrics-<plugin version>-es<version>.zip; <dir>/SHA256SUMS covers them
# (verify with: cd dist && sha256sum -c SHA256SUMS). Each build cleans es-ingest-plugin/target (the classes of
# another version must not leak into a zip). Smoke nodes run in target/smoke/es<version>/ (logs there).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
. scripts/env.sh

# Newest patch of every line that builds; keep in step with the es-* profiles of es-ingest-plugin/pom.xml,
# the parent pom's elasticsearch.version (the default, last here) and docs/operations.md.
SUPPORTED="8.19.21 9.0.8 9.1.10 9.2.8 9.3.4 9.5.3"
# Versions whose org.elasticsearch.distribution.integ-test-zip Maven Central serves (9.3.4 has none).
SMOKE_TESTABLE="8.19.21 9.0.8 9.1.10 9.2.8 9.5.3"

smoke=false
out=dist
versions=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=true ;;
    --out) out=${2:?--out needs a directory}; shift ;;
    --list) echo "$SUPPORTED"; exit 0 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) versions+=("$1") ;;
  esac
  shift
done
[ ${#versions[@]} -gt 0 ] || read -r -a versions <<< "$SUPPORTED"

mkdir -p "$out"
out=$(cd "$out" && pwd)
built=()
for v in "${versions[@]}"; do
  case " $SUPPORTED " in *" $v "*) ;; *) echo "error: Elasticsearch $v is not supported (supported: $SUPPORTED)" >&2; exit 2 ;; esac
  echo "== building the plugin for Elasticsearch $v"
  rm -rf es-ingest-plugin/target # (not mvn clean: with -am it would also clean the root target/, where --out may be)
  mvn -B -ntp -q -pl es-ingest-plugin -am package -Dplugin.only -Dmaven.test.skip=true "-Delasticsearch.version=$v"
  zip=$(ls es-ingest-plugin/target/privacy-metrics-*-es"$v".zip)
  cp "$zip" "$out/"
  built+=("$out/$(basename "$zip")")
done

(cd "$out" && for z in privacy-metrics-*-es*.zip; do sha256sum "$z" > "$z.sha256"; done \
  && find . -maxdepth 1 -type f ! -name SHA256SUMS ! -name '*.sha256' -printf '%f\n' | sort | xargs sha256sum > SHA256SUMS)
printf '%s\n' "${built[@]}"

$smoke || exit 0

# ---- smoke tests on real nodes ----
mvn -B -ntp -q -pl es-test-node -am package -DskipTests
repo=$(mvn -B -ntp -q -Dstyle.color=never help:evaluate -Dexpression=settings.localRepository -DforceStdout | sed "s/\x1b\[[0-9;]*m//g")
failed=()
for z in "${built[@]}"; do
  v=${z##*-es}; v=${v%.zip}
  case " $SMOKE_TESTABLE " in *" $v "*) ;; *) echo "== Elasticsearch $v: no integ-test distribution on Maven Central, built but not smoke-tested"; continue ;; esac
  if scripts/smoke-plugin.sh "$v" "$z" "$repo"; then echo "== Elasticsearch $v: smoke test passed"; else failed+=("$v"); fi
done
if [ ${#failed[@]} -gt 0 ]; then echo "smoke test FAILED for: ${failed[*]}" >&2; exit 1; fi
