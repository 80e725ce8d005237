#!/usr/bin/env bash
# The first command of the README: dependencies up, build, and the all-in-one node with the demo feed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/services.sh
echo "[run] building"
mvn -B -q -DskipTests package
port="${NDC_HTTP_PORT:-8080}"
cat <<MSG
[run] starting NDC (all services, --demo). When "NDC ready" appears:
      browser:    http://localhost:$port/docs     (API explorer)   http://localhost:$port/ready
      WebSocket:  ws://localhost:$port/ws/v1/stream  (first frame {"action":"auth","token":"..."})
      Ctrl-C drains and stops the node.
MSG
exec scripts/ndc --demo "$@"
