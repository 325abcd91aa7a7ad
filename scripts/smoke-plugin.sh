#!/usr/bin/env bash
# End-to-end smoke test of one plugin zip on a real node of its Elasticsearch version, security on.
# Called by scripts/build-plugins.sh --smoke (and so by ./test.sh for every line whose integ-test distribution Maven
# Central serves).
# Usage: scripts/smoke-plugin.sh <elasticsearch version> <plugin zip> [<local maven repository>]
# SMOKE_START_TIMEOUT (seconds, default 600): how long the node may take to start (a loaded machine is slow).
# Needs es-test-node/target/classes (mvn -pl es-test-node -am package -DskipTests); downloads the integ-test
# distribution of that version into the local Maven repository once (cached there).
#
# The node runs with xpack.security.enabled=true, docs/roles.yml exactly as shipped and file-realm users of its three
# roles (as the integration tests do); passwords and the re-key secret are random per run and reach the node and curl
# through files (a java @argfile, curl -K), never a command line. Checked, each as the role a user would use:
#   version and plugin; setup (admin; refused to the writer and the viewer); ingest through the intake as the writer:
#   PII in an allowed field redacted, a forbidden field refused, the edge metrics_id re-keyed (same edge id and epoch ->
#   same stored id, never the sent one), a repeated event_id refused (dedupe); the writer cannot read raw events nor name
#   a raw index, the viewer cannot read them; a rollup job and run (admin) with the budget charged once (a repeated
#   run_id is not charged again), the released rows readable by the viewer, the budget visible to the viewer; forget
#   (admin; refused to the viewer) deletes exactly one user's events; stats count the refusal and the redaction and
#   show no raw value; an operator's metrics-events@custom runs before the scrub (a field it adds is refused).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
v=$1; zip=$2
repo=${3:-$(mvn -B -ntp -q -Dstyle.color=never help:evaluate -Dexpression=settings.localRepository -DforceStdout | sed "s/\x1b\[[0-9;]*m//g")}
dist="$repo/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$v/elasticsearch-$v.zip"
[ -f "$dist" ] || mvn -B -ntp -q dependency:get "-Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$v:zip" -Dtransitive=false
work="$PWD/target/smoke/es$v"
rm -rf "$work"; mkdir -p "$work"; chmod 700 "$work"
out="$work/node.out"
started=$(date +%s)

# ---- users (random passwords, in files only) ----
secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
args="$work/node.args"
umask 077
{
  echo "-Dprivacy.es.zip=$dist"
  echo "-Dprivacy.es.plugin=$zip"
  echo "-Dprivacy.es.workdir=$work/node"
  echo "-Dprivacy.es.start.timeout=${SMOKE_START_TIMEOUT:-600}"
  echo "-Dprivacy.es.setting.xpack.security.enabled=true"
  echo "-Dprivacy.es.config.roles.yml=$PWD/docs/roles.yml"
  echo "-Dprivacy.es.keystore.privacy_metrics.rekey.secret=$(head -c 32 /dev/urandom | base64 -w0)"
  echo "-Dprivacy.es.await=/_index_template/metrics-events-intake,/_index_template/metrics-events-daily,/_ingest/pipeline/metrics-events-route,/_ingest/pipeline/metrics-events-scrub"
} > "$args"
for u in smoke-superuser:superuser smoke-admin:privacy_metrics_admin smoke-writer:privacy_metrics_writer smoke-viewer:privacy_metrics_viewer; do
  name=${u%%:*}; role=${u#*:}; pw=$(secret)
  echo "-Dprivacy.es.user.$name=$pw:$role" >> "$args"
  printf 'user = "%s:%s"\n' "$name" "$pw" > "$work/$name.curl"
done
umask 022

: > "$out" # exists before the node's shell opens it: the wait loop below reads it at once (set -e: a sed on a missing file ends the script)
java @"$args" -cp es-test-node/target/classes org.privacymetrics.testnode.ElasticsearchNodeMain > "$out" 2>&1 &
node_pid=$!
trap 'kill "$node_pid" 2>/dev/null; wait "$node_pid" 2>/dev/null || true' EXIT

url=""
for _ in $(seq 1 $(( ${SMOKE_START_TIMEOUT:-600} + 60 ))); do
  url=$(sed -n 's/^ELASTICSEARCH_URL=//p' "$out" 2>/dev/null || true)
  [ -n "$url" ] && break
  kill -0 "$node_pid" 2>/dev/null || { echo "node for $v did not start:" >&2; tail -40 "$out" >&2; exit 1; }
  sleep 1
done
[ -n "$url" ] || { echo "node for $v not ready in time" >&2; tail -40 "$out" >&2; exit 1; }
echo "smoke $v: node up after $(( $(date +%s) - started )) s"

fail() { echo "smoke $v FAILED: $*" >&2; echo "node log: $(sed -n 's/^ELASTICSEARCH_LOG=//p' "$out")" >&2; exit 1; }
# as <user> <curl args...>: the HTTP status; the body in $work/body
as() { local who=$1; shift; curl -sS -K "$work/smoke-$who.curl" -o "$work/body" -w '%{http_code}' -H 'Content-Type: application/json' "$@"; }
body() { cat "$work/body"; }
# json '<python expression over b, the parsed body>': prints its value
json() { python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); v=eval(sys.argv[2]); print(json.dumps(v) if isinstance(v,(dict,list,bool)) or v is None else v)' "$work/body" "$1"; }
expect() { # expect <code> <what> <user> <curl args...>
  local want=$1 what=$2; shift 2
  local got; got=$(as "$@")
  [ "$got" = "$want" ] || fail "$what: HTTP $got, expected $want: $(head -c 600 "$work/body")"
}
check() { # check '<python condition over b>' <what>
  [ "$(json "$1")" = "true" ] || fail "$2: $(head -c 600 "$work/body")"
}

# ---- the node and the plugin ----
# (not GET /: the integ-test distribution of some versions lacks the rest-root module)
expect 200 "node version" superuser "$url/_cat/nodes?h=version"
grep -qx "$v *" "$work/body" || fail "the node is not version $v: $(body)"
expect 200 "plugins" superuser "$url/_cat/plugins"
grep -q privacy-metrics "$work/body" || fail "plugin not listed: $(body)"

# ---- setup: the admin only ----
expect 200 "setup as the admin" admin -X POST "$url/_privacy/setup"
check 'b.get("acknowledged") is True' "setup not acknowledged"
expect 403 "setup as the viewer" viewer -X POST "$url/_privacy/setup"
expect 403 "setup as the writer" writer -X POST "$url/_privacy/setup"

# ---- ingest through the intake, as the writer ----
day=$(date -u -d yesterday +%Y-%m-%d); epoch=${day:0:7}; ts="${day}T12:00:00Z"
hex() { head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
uuid() { cat /proc/sys/kernel/random/uuid; }
e1=$(hex); e2=$(hex); id1=$(uuid); id2=$(uuid); id3=$(uuid)
event() { # event <event_id> <edge id> <event> <device> [extra json members]
  printf '{"@timestamp":"%s","metrics_epoch":"%s","event_id":"%s","service":"smoke","event":"%s","metrics_id":"%s","metrics_key_id":"0a1b2c3d","device":"%s"%s}' \
    "$ts" "$epoch" "$1" "$3" "$2" "$4" "${5:+,$5}"
}
expect 201 "write (login, user 1)" writer -X POST "$url/metrics-events/_doc?refresh=true" -d "$(event "$id1" "$e1" login mobile)"
raw=$(json 'b["_index"]')
[ "$raw" = ".privacy-metrics-events-${epoch}" ] || fail "event stored in [$raw], not the raw index of its epoch [.privacy-metrics-events-${epoch}]"
expect 201 "write (login, user 2)" writer -X POST "$url/metrics-events/_doc?refresh=true" -d "$(event "$id2" "$e2" login desktop)"
expect 201 "write (PII in an allowed field, user 1)" writer -X POST "$url/metrics-events/_doc" \
  -d "$(event "$id3" "$e1" "signup by jane.doe@example.org from 198.51.100.23" mobile)"
expect 409 "the same event_id again (dedupe)" writer -X POST "$url/metrics-events/_doc?refresh=true" -d "$(event "$id1" "$e1" login mobile)"
code=$(as writer -X POST "$url/metrics-events/_doc?refresh=true" -d "$(event "$(uuid)" "$e2" login mobile '"uid":"jane.doe"')")
[ "$code" = 400 ] && grep -q 'field \[uid\] is not allowed' "$work/body" || fail "forbidden field: HTTP $code: $(body)"
grep -q 'jane.doe' "$work/body" && fail "the refusal shows the forbidden value"
# the operator's extension point metrics-events@custom runs before the scrub: what it adds is scrubbed (here the
# writer's user name copied into uid: refused), and the admin role cannot change it (manage_pipeline is not granted)
custom='{"processors":[{"set_security_user":{"field":"uid","properties":["username"]}}]}'
expect 403 "a custom pipeline as the admin" admin -X PUT "$url/_ingest/pipeline/metrics-events@custom" -d "$custom"
expect 200 "a custom pipeline as the superuser" superuser -X PUT "$url/_ingest/pipeline/metrics-events@custom" -d "$custom"
code=$(as writer -X POST "$url/metrics-events/_doc?refresh=true" -d "$(event "$(uuid)" "$e2" login mobile)")
[ "$code" = 400 ] && grep -q 'field \[uid\] is not allowed' "$work/body" || fail "custom pipeline's forbidden field: HTTP $code: $(body)"
grep -q 'smoke-writer' "$work/body" && fail "the refusal shows the value the custom pipeline added"
expect 200 "delete the custom pipeline" superuser -X DELETE "$url/_ingest/pipeline/metrics-events@custom"
code=$(as writer -X POST "$url/$raw/_doc" -d "$(event "$(uuid)" "$e2" login mobile)")
[ "$code" = 400 ] || [ "$code" = 403 ] || fail "the writer named a raw index: HTTP $code"

# ---- raw events: the admin reads them (re-keyed, scrubbed); the writer and the viewer cannot ----
expect 403 "raw events as the writer" writer "$url/$raw/_search"
expect 403 "raw events as the viewer" viewer "$url/$raw/_search"
expect 200 "raw events as the admin" admin "$url/$raw/_search?size=10&sort=event_id"
check 'b["hits"]["total"]["value"] == 3' "three events stored (the duplicate refused)"
grep -q "$e1\|$e2" "$work/body" && fail "an edge metrics_id was stored as sent (no re-key)"
grep -q 'jane.doe\|198.51.100.23' "$work/body" && fail "PII was stored"
check '{h["_id"]: h["_source"]["event"] for h in b["hits"]["hits"]}["'"$id3"'"] == "signup by [redacted:email] from [redacted:ip]"' "PII not redacted"
check 'len({h["_source"]["metrics_id"] for h in b["hits"]["hits"]}) == 2' "user 1's two events do not share one stored id (or users share one)"
check '{h["_id"]: h["_source"]["metrics_id"] for h in b["hits"]["hits"]}["'"$id1"'"] == {h["_id"]: h["_source"]["metrics_id"] for h in b["hits"]["hits"]}["'"$id3"'"]' "user 1's events re-keyed to different ids"

# ---- a rollup run and the budget ----
job='{"window":"day","dimensions":{"service":["smoke"],"event":["login"],"device":["mobile","desktop"]},"measures":{"users":{"epsilon":0.25}},"max_keys_per_user":2}'
expect 403 "store a job as the viewer" viewer -X PUT "$url/_privacy/rollup/job/smoke" -d "$job"
expect 200 "store a job as the admin" admin -X PUT "$url/_privacy/rollup/job/smoke" -d "$job"
run='{"window_start":"'"$day"'","run_id":"smoke-'"$day"'"}'
expect 403 "run as the viewer" viewer -X POST "$url/_privacy/rollup/job/smoke/_run" -d "$run"
expect 200 "run as the admin" admin -X POST "$url/_privacy/rollup/job/smoke/_run" -d "$run"
check 'b["epsilon_spent"] == 0.25 and b["epochs"] == ["'"$epoch"'"]' "run answer"
check 'sorted(r["device"] for r in b["results"] if r["measure"] == "users") == ["desktop", "mobile"]' "one row per key"
expect 200 "the same run_id again" admin -X POST "$url/_privacy/rollup/job/smoke/_run" -d "$run"
expect 200 "budget as the viewer" viewer "$url/_privacy/budget"
check '[e["epsilon_spent"] for e in b["epochs"] if e["epoch"] == "'"$epoch"'"] == [0.25]' "the epoch charged once"
expect 200 "refresh the rollups" superuser -X POST "$url/privacy-rollups-smoke/_refresh"
expect 200 "rollups as the viewer" viewer "$url/privacy-rollups-smoke/_search"
check 'b["hits"]["total"]["value"] == 2 and "metrics_id" not in json.dumps(b)' "released rows"

# ---- forget: the admin deletes user 1's events ----
expect 403 "forget as the viewer" viewer -X POST "$url/_privacy/forget" -d '{"metrics_ids":["'"$e1"'"]}'
expect 200 "forget as the admin" admin -X POST "$url/_privacy/forget" -d '{"metrics_ids":["'"$e1"'"]}'
check 'b["deleted"] == 2' "user 1's two events deleted"
left=""
for _ in 1 2 3 4 5 6 7 8 9 10; do # the deletions become visible at the raw index's next refresh
  expect 200 "raw events after forget" admin "$url/$raw/_search"
  left=$(json '[h["_id"] for h in b["hits"]["hits"]] == ["'"$id2"'"]')
  [ "$left" = true ] && break
  sleep 1
done
[ "$left" = true ] || fail "only user 2's event should be left: $(body)"

# ---- stats: counts, never values ----
expect 403 "stats as the viewer" viewer "$url/_privacy/stats"
expect 200 "stats as the admin" admin "$url/_privacy/stats"
check 'sum(n["ingest"]["rejections"].get("forbidden_field", 0) for n in b["nodes"].values()) == 2' "forbidden fields (client, custom pipeline) not counted once each"
check 'sum(n["ingest"]["redactions"].get("email", 0) for n in b["nodes"].values()) >= 1' "redaction not counted"
check 'all(n.get("rekey_key_id") for n in b["nodes"].values())' "no re-key key id"
grep -q 'jane.doe\|198.51.100.23' "$work/body" && fail "stats show a raw value"

echo "smoke $v OK in $(( $(date +%s) - started )) s: setup, PII redacted, forbidden field refused, re-key, dedupe, rollup run and budget, forget, stats, roles (writer, viewer, admin), metrics-events@custom scrubbed"
