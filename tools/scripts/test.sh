#!/usr/bin/env bash
# The test command (`npm test`): installs what is missing, starts Postgres, Redis and the Docker engine where they do not
# run, builds the base runtime image, then runs every Jest project (unit, integration, end-to-end) against them.
# Extra arguments go to Jest, e.g. `npm test -- apps/provisioner`. A Docker engine this command started is stopped again
# when Jest has finished.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/scripts/install-deps.sh
marked_before=$([ -f .tailor/dockerd.started-by-tailor ] && echo yes || echo no)
bash tools/scripts/ensure-services.sh
if [ "$marked_before" = no ] && [ -f .tailor/dockerd.started-by-tailor ]; then
  trap 'bash tools/scripts/stop-dockerd.sh' EXIT
fi
bash tools/scripts/ensure-chromium.sh
npx jest "$@"
