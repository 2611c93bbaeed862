#!/usr/bin/env bash
# Tailor's whole stack on this machine.
#   tools/scripts/stack.sh up            install, start services, build and start the four apps; Ctrl-C stops everything it started
#   tools/scripts/stack.sh up --detach   the same, but return once the apps answer; stop later with `tools/scripts/stack.sh down`
#   tools/scripts/stack.sh down          stop the apps, remove Tailor's containers, stop dockerd if `up` started it
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
STATE=.tailor
APPS=(profiler-ingest predictor runtime-factory provisioner)
declare -A PORTS=([provisioner]=3000 [profiler-ingest]=3001 [predictor]=3002 [runtime-factory]=3003)

export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/tailor}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export TAILOR_NAMESPACE=${TAILOR_NAMESPACE:-tailor}
# runtimes (host network) ship their profiling data to the stack's profiler-ingest
export RUNTIME_INGEST_URL=${RUNTIME_INGEST_URL:-http://127.0.0.1:${PORTS[profiler-ingest]}}

log() { echo "[stack] $*" >&2; }
source tools/scripts/lib/stop-process.sh

down() {
  for app in "${APPS[@]}"; do
    pidfile=$STATE/pids/$app.pid
    if [ -f "$pidfile" ]; then
      stop_process "$app" "$(cat "$pidfile")" 5
      rm -f "$pidfile"
    fi
  done
  if docker info >/dev/null 2>&1; then
    containers=$(docker ps -aq --filter "label=dev.tailor.managed=true" --filter "label=dev.tailor.namespace=$TAILOR_NAMESPACE")
    if [ -n "$containers" ]; then
      docker rm -f $containers >/dev/null && log "removed $(echo "$containers" | wc -l) runtime container(s)"
    fi
  fi
  bash tools/scripts/stop-dockerd.sh
}

wait_healthy() { # app
  local url="http://127.0.0.1:${PORTS[$1]}/health"
  for _ in $(seq 1 240); do
    curl -fsS "$url" >/dev/null 2>&1 && return 0
    kill -0 "$(cat $STATE/pids/$1.pid)" 2>/dev/null || { log "$1 exited; its log:"; tail -20 "$STATE/logs/$1.log" >&2; return 1; }
    sleep 0.25
  done
  log "$1 did not become healthy; see $STATE/logs/$1.log"; return 1
}

up() {
  local started_at=$SECONDS
  bash tools/scripts/install-deps.sh
  bash tools/scripts/ensure-services.sh
  log "applying migrations to $DATABASE_URL"
  npm run --silent db:migrate >&2
  log "compiling the apps (npm run build): the stack runs what the image runs"
  npm run --silent build >&2
  mkdir -p $STATE/pids $STATE/logs
  for app in "${APPS[@]}"; do
    if [ -f $STATE/pids/$app.pid ] && kill -0 "$(cat $STATE/pids/$app.pid)" 2>/dev/null; then
      log "$app already running"; continue
    fi
    # apps/<app>/node-options: the Node flags an app runs with (also read by the Dockerfile and the tests' launcher)
    # shellcheck disable=SC2046
    PORT=${PORTS[$app]} nohup node $(cat "apps/$app/node-options" 2>/dev/null) "dist/apps/$app/src/main.js" \
      >"$STATE/logs/$app.log" 2>&1 &
    echo $! >"$STATE/pids/$app.pid"
  done
  for app in "${APPS[@]}"; do wait_healthy "$app"; done
  echo
  echo "Tailor is up in $((SECONDS - started_at)) s:"
  for app in "${APPS[@]}"; do
    printf '  %-16s http://127.0.0.1:%s   (docs: /docs, spec: /openapi.json, logs: %s)\n' "$app" "${PORTS[$app]}" "$ROOT/$STATE/logs/$app.log"
  done
  echo
  echo "Try:  curl -s -X POST http://127.0.0.1:3000/provision -H 'content-type: application/json' -d '{\"applicationId\":\"demo\",\"endpointId\":\"hello\"}'"
}

ensure_ports_free() {
  for app in "${APPS[@]}"; do
    if [ -f $STATE/pids/$app.pid ] && kill -0 "$(cat $STATE/pids/$app.pid)" 2>/dev/null; then continue; fi
    if (exec 3<>"/dev/tcp/127.0.0.1/${PORTS[$app]}") 2>/dev/null; then
      log "port ${PORTS[$app]} ($app) is taken by another process; stop it or run another stack elsewhere"
      return 1
    fi
  done
}

case "${1:-}" in
  up)
    # set -e does not apply inside a function called from `||`, so failures are caught by an EXIT trap instead.
    trap 'status=$?; if [ $status -ne 0 ]; then down; fi; exit $status' EXIT
    ensure_ports_free
    up
    if [ "${2:-}" = --detach ]; then
      trap - EXIT
      echo "Stop with: bash tools/scripts/stack.sh down"
    else
      trap 'echo; down; exit 0' INT TERM
      trap - EXIT
      echo "Press Ctrl-C to stop everything."
      while sleep 1; do :; done
    fi
    ;;
  down) down ;;
  *) echo "usage: $0 up [--detach] | down" >&2; exit 2 ;;
esac
