#!/usr/bin/env bash
# Builds one plugin zip per supported Elasticsearch version into dist/, with SHA-256 checksums.
#
# Usage: scripts/build-plugins.sh [--smoke] [--list] [<version> ...]
#   (no version)  every supported version (SUPPORTED below)
#   --smoke       also smoke-test each zip whose integ-test distribution Maven Central serves (SMOKE_TESTABLE):
#                 start a real node of that version with the zip installed (es-test-node), then check the version,
#                 the plugin, setup, one event written through the intake (stored scrubbed), one refused event
#                 (forbidden field), GET _privacy/stats and GET _privacy/budget; stop the node.
#   --list        print the supported versions and exit
#
# The zips are dist/privacy-metrics-<plugin version>-es<version>.zip; dist/SHA256SUMS covers them
# (verify with: cd dist && sha256sum -c SHA256SUMS). Each build cleans es-ingest-plugin/target (the classes of
# another version must not leak into a zip). Smoke nodes run in target/smoke/es<version>/ (logs there).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
. scripts/env.sh

# Newest patch of every line that builds; keep in step with the es-* profiles of es-ingest-plugin/pom.xml,
# the parent pom's elasticsearch.version (the default, last here) and docs/operations.md.
SUPPORTED="9.1.10 9.2.8 9.3.4 9.5.3"
# Versions whose org.elasticsearch.distribution.integ-test-zip Maven Central serves (9.3.4 has none).
SMOKE_TESTABLE="9.1.10 9.2.8 9.5.3"

smoke=false
versions=()
for a in "$@"; do
  case "$a" in
    --smoke) smoke=true ;;
    --list) echo "$SUPPORTED"; exit 0 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "unknown option $a" >&2; exit 2 ;;
    *) versions+=("$a") ;;
  esac
done
[ ${#versions[@]} -gt 0 ] || read -r -a versions <<< "$SUPPORTED"

mkdir -p dist
built=()
for v in "${versions[@]}"; do
  case " $SUPPORTED " in *" $v "*) ;; *) echo "error: Elasticsearch $v is not supported (supported: $SUPPORTED)" >&2; exit 2 ;; esac
  echo "== building the plugin for Elasticsearch $v"
  mvn -B -ntp -q -pl es-ingest-plugin -am clean package -Dplugin.only -Dmaven.test.skip=true "-Delasticsearch.version=$v"
  zip=$(ls es-ingest-plugin/target/privacy-metrics-*-es"$v".zip)
  cp "$zip" dist/
  built+=("dist/$(basename "$zip")")
done

(cd dist && for z in privacy-metrics-*-es*.zip; do sha256sum "$z" > "$z.sha256"; done \
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
  if scripts/smoke-plugin.sh "$v" "$ROOT/$z" "$repo"; then echo "== Elasticsearch $v: smoke test passed"; else failed+=("$v"); fi
done
if [ ${#failed[@]} -gt 0 ]; then echo "smoke test FAILED for: ${failed[*]}" >&2; exit 1; fi
