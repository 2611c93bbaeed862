#!/usr/bin/env bash
# Makes sure the services Tailor needs answer: Postgres and Redis (started where they are installed but stopped),
# then the Docker engine (tools/scripts/ensure-docker.sh) and the base runtime image (tools/scripts/build-base-image.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

log() { echo "[services] $*" >&2; }

wait_for() { # description, command...
  local what=$1; shift
  for _ in $(seq 1 60); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  log "$what did not answer within 30 s"; return 1
}

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  log "starting Postgres"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  wait_for Postgres pg_isready -h 127.0.0.1 -p 5432 -q
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  wait_for Redis redis-cli -h 127.0.0.1 -p 6379 ping
fi
log "Postgres and Redis answer"

mkdir -p .tailor
if [ "$(bash tools/scripts/ensure-docker.sh)" = started ]; then
  touch .tailor/dockerd.started-by-tailor
fi
bash tools/scripts/build-base-image.sh >/dev/null
