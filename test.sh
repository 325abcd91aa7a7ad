#!/usr/bin/env bash
# Runs every test of the project (unit, integration on a real Elasticsearch node, dashboards).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/env.sh
exec mvn -B -ntp verify "$@"
