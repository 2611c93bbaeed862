#!/usr/bin/env bash
# The test command (`npm test`): installs what is missing, starts Postgres, Redis and the Docker engine where they do not
# run, builds the base runtime image, then runs every Jest project (unit, integration, end-to-end) against them.
# Extra arguments go to Jest, e.g. `npm test -- apps/provisioner`.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/scripts/install-deps.sh
bash tools/scripts/ensure-services.sh
bash tools/scripts/ensure-chromium.sh
exec npx jest "$@"
