#!/usr/bin/env bash
# Imports the dashboard and its data view into Kibana (the same version as the Elasticsearch cluster it reads).
#   ./import.sh [--space <space id>] <kibana-url> [user:password]
#   KIBANA_AUTH=user:password ./import.sh <kibana-url>     (keeps the password off the command line)
# Existing objects with the same ids are replaced (overwrite=true). --space imports into that Kibana space
# (<kibana-url>/s/<space id>/api/saved_objects/_import); without it, into the default space.
# Exits non-zero, naming the objects, when Kibana refuses the request or answers 200 with "success": false or
# per-object errors (e.g. a missing reference or an unknown type in an older Kibana).
set -euo pipefail
usage() { echo "usage: $0 [--space <space id>] <kibana-url> [user:password]" >&2; exit 2; }
space=""
pos=()
while [ $# -gt 0 ]; do
  case "$1" in
    --space) [ $# -ge 2 ] || usage; space="$2"; shift 2 ;;
    --space=*) space="${1#--space=}"; shift ;;
    -h|--help) usage ;;
    -*) echo "unknown option $1" >&2; usage ;;
    *) pos+=("$1"); shift ;;
  esac
done
[ ${#pos[@]} -ge 1 ] && [ ${#pos[@]} -le 2 ] || usage
url="${pos[0]%/}"
auth="${pos[1]:-${KIBANA_AUTH:-}}"
if [ -n "$space" ]; then
  # Kibana space ids: lowercase letters, digits, '_' and '-'
  [[ "$space" =~ ^[a-z0-9_-]+$ ]] || { echo "error: invalid Kibana space id '$space' (lowercase letters, digits, _ and -)" >&2; exit 2; }
  url="$url/s/$space"
fi
file="$(cd "$(dirname "$0")" && pwd)/privacy-metrics.ndjson"
expected=$(grep -c . "$file")
body=$(mktemp)
trap 'rm -f "$body"' EXIT

# The credentials go to curl on stdin (-K -), not on its command line.
esc=${auth//\\/\\\\}; esc=${esc//\"/\\\"}
cfg=${auth:+user = \"$esc\"}
set +e
status=$(printf '%s\n' "$cfg" | curl -sS -K - -o "$body" -w '%{http_code}' \
  -X POST "$url/api/saved_objects/_import?overwrite=true" -H 'kbn-xsrf: true' --form "file=@$file")
rc=$?
set -e
if [ $rc -ne 0 ]; then
  echo "error: could not reach Kibana at $url (curl exit $rc)" >&2
  exit 1
fi
if [ "$status" != 200 ]; then
  echo "error: Kibana answered HTTP $status to the import:" >&2
  cat "$body" >&2; echo >&2
  exit 1
fi
compact=$(tr -d ' \n\r\t' < "$body")
if [[ "$compact" != *'"success":true'* ]] || [[ "$compact" == *'"errors":[{'* ]]; then
  echo "error: Kibana did not import every object (\"success\" is not true or there are per-object errors):" >&2
  cat "$body" >&2; echo >&2
  exit 1
fi
count=$(sed -n 's/.*"successCount"[[:space:]]*:[[:space:]]*\([0-9]*\).*/\1/p' "$body")
if [ -n "$count" ] && [ "$count" != "$expected" ]; then
  echo "error: Kibana imported $count of the $expected objects:" >&2
  cat "$body" >&2; echo >&2
  exit 1
fi
echo "imported ${count:-all} of $expected objects into ${space:+space $space of }$url"
