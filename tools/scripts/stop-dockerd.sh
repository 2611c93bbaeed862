#!/usr/bin/env bash
# Stops the dockerd that tools/scripts/ensure-services.sh started (it left .tailor/dockerd.started-by-tailor), waiting
# until it has exited; an engine Tailor did not start is left alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/scripts/lib/stop-process.sh
PIDFILE=${DOCKERD_PIDFILE:-/tmp/tailor-dockerd.pid}
if [ -f .tailor/dockerd.started-by-tailor ] && [ -f "$PIDFILE" ]; then
  stop_process dockerd "$(cat "$PIDFILE")" 30
  rm -f .tailor/dockerd.started-by-tailor "$PIDFILE"
fi
