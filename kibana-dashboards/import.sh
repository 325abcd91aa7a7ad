#!/usr/bin/env bash
# Imports the dashboard into Kibana 8.8+ or 9.x:
#   ./import.sh https://kibana.example.org:5601 [user:password]
# Existing objects with the same ids are replaced (overwrite=true).
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 <kibana-url> [user:password]" >&2
  exit 2
fi
url="${1%/}"
auth=()
if [ $# -ge 2 ]; then auth=(-u "$2"); fi
file="$(cd "$(dirname "$0")" && pwd)/privacy-metrics.ndjson"
curl --fail-with-body -sS "${auth[@]}" -X POST "$url/api/saved_objects/_import?overwrite=true" \
  -H 'kbn-xsrf: true' --form "file=@$file"
echo
