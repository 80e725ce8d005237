#!/usr/bin/env bash
# The second command of the README: dependencies up, then the whole suite (unit, integration, two-JVM cluster).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/services.sh
exec mvn -B verify "$@"
