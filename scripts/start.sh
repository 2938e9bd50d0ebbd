#!/usr/bin/env bash
# The README's first command: Node 26, dependencies, then `npm start`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node26.sh
imscout_npm_ci
exec npm start -- "$@"
