#!/usr/bin/env bash
# Makes sure a Docker engine answers on /var/run/docker.sock; installs and starts Debian's dockerd where none runs.
# Prints "started" on stdout when it started the engine itself, so that the caller can stop it again.
set -euo pipefail

log() { echo "[docker] $*" >&2; }

# Debian's docker-compose (1.29) validates docker-compose.yml in CI (there is no `docker compose` plugin here)
if ! command -v docker-compose >/dev/null 2>&1; then
  log "installing docker-compose from Debian's packages"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >&2 ||
    { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >&2; }
fi

if docker info >/dev/null 2>&1; then
  log "engine already running"
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  log "installing docker.io from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq docker.io >&2
fi

log "starting dockerd (no bridge, no iptables)"
nohup dockerd --bridge=none --iptables=false --ip-masq=false -H unix:///var/run/docker.sock \
  >"${DOCKERD_LOG:-/tmp/tailor-dockerd.log}" 2>&1 &
echo $! >"${DOCKERD_PIDFILE:-/tmp/tailor-dockerd.pid}"

for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    log "engine ready"
    echo started
    exit 0
  fi
  sleep 0.5
done
log "dockerd did not answer within 30 s; see ${DOCKERD_LOG:-/tmp/tailor-dockerd.log}"
exit 1
