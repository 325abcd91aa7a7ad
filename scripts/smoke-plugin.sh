#!/usr/bin/env bash
# Smoke test of one plugin zip on a real node of its Elasticsearch version (called by scripts/build-plugins.sh --smoke).
# Usage: scripts/smoke-plugin.sh <elasticsearch version> <plugin zip> [<local maven repository>]
# Needs es-test-node/target/classes (mvn -pl es-test-node -am package -DskipTests) and downloads the integ-test
# distribution of that version into the local Maven repository. Security is off on this node (the full suite,
# ./test.sh, checks the roles on the default version).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
v=$1; zip=$2
repo=${3:-$(mvn -B -ntp -q -Dstyle.color=never help:evaluate -Dexpression=settings.localRepository -DforceStdout | sed "s/\x1b\[[0-9;]*m//g")}
dist="$repo/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$v/elasticsearch-$v.zip"
[ -f "$dist" ] || mvn -B -ntp -q dependency:get "-Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$v:zip"
work="$PWD/target/smoke/es$v"
rm -rf "$work"; mkdir -p "$work"
out="$work/node.out"

java -Dprivacy.es.zip="$dist" -Dprivacy.es.plugin="$zip" -Dprivacy.es.workdir="$work/node" \
  -Dprivacy.es.keystore.privacy_metrics.rekey.secret=smoke-test-rekey-secret-0123456789 \
  -Dprivacy.es.await=/_index_template/metrics-events-intake,/_index_template/metrics-events-daily,/_ingest/pipeline/metrics-events-route,/_ingest/pipeline/metrics-events-scrub \
  -cp es-test-node/target/classes org.privacymetrics.testnode.ElasticsearchNodeMain > "$out" 2>&1 &
node_pid=$!
trap 'kill "$node_pid" 2>/dev/null; wait "$node_pid" 2>/dev/null || true' EXIT

url=""
for _ in $(seq 1 300); do
  url=$(sed -n 's/^ELASTICSEARCH_URL=//p' "$out")
  [ -n "$url" ] && break
  kill -0 "$node_pid" 2>/dev/null || { echo "node for $v did not start:" >&2; tail -40 "$out" >&2; exit 1; }
  sleep 1
done
[ -n "$url" ] || { echo "node for $v not ready after 300 s" >&2; tail -40 "$out" >&2; exit 1; }

fail() { echo "smoke $v FAILED: $*" >&2; echo "node log: $(sed -n 's/^ELASTICSEARCH_LOG=//p' "$out")" >&2; exit 1; }
call() { curl -sS -o "$work/body" -w '%{http_code}' -H 'Content-Type: application/json' "$@"; }

# (not GET /: the integ-test distribution of some versions lacks the rest-root module)
[ "$(call "$url/_cat/nodes?h=version")" = 200 ] && grep -qx "$v *" "$work/body" || fail "the node is not version $v: $(cat "$work/body")"
[ "$(call "$url/_cat/plugins")" = 200 ] && grep -q privacy-metrics "$work/body" || fail "plugin not listed: $(cat "$work/body")"
[ "$(call -X POST "$url/_privacy/setup")" = 200 ] && grep -q '"acknowledged" *: *true' "$work/body" || fail "setup: $(cat "$work/body")"

now=$(date -u +%Y-%m-%dT%H:%M:%SZ); epoch=$(date -u +%Y-%m)
edge=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
event="{\"@timestamp\":\"$now\",\"event_id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"service\":\"smoke\",\"event\":\"login\",\"metrics_id\":\"$edge\",\"metrics_epoch\":\"$epoch\",\"metrics_key_id\":\"0a1b2c3d\",\"device\":\"desktop\",\"message\":\"login from jane@example.org\"}"
code=$(call -X POST "$url/metrics-events/_doc?refresh=true" -d "$event")
[ "$code" = 201 ] || fail "write through the intake answered $code: $(cat "$work/body")"
index=$(sed -n 's/.*"_index" *: *"\([^"]*\)".*/\1/p' "$work/body")
[ -n "$index" ] && [ "$(call "$url/$index/_search?q=service:smoke")" = 200 ] || fail "search [$index]: $(cat "$work/body")"
grep -q "$edge" "$work/body" && fail "the edge metrics_id was stored as sent (no re-key)"
grep -q 'jane@example.org' "$work/body" && fail "the e-mail address was stored"
grep -q '"total" *: *{ *"value" *: *1' "$work/body" || fail "the event is not stored: $(cat "$work/body")"

forbidden="${event%\}},\"uid\":\"jane\"}"
code=$(call -X POST "$url/metrics-events/_doc" -d "$forbidden")
[ "$code" -ge 400 ] && [ "$code" -lt 500 ] || fail "an event with a forbidden field answered $code"

[ "$(call "$url/_privacy/stats")" = 200 ] && grep -q '"forbidden_field"' "$work/body" || fail "stats: $(cat "$work/body")"
[ "$(call "$url/_privacy/budget")" = 200 ] || fail "budget: $(cat "$work/body")"
echo "smoke $v: version, plugin, setup, scrubbed write to $index, forbidden field refused, stats, budget: OK"
