#!/usr/bin/env bash
# CI check of the container packaging, on a machine that cannot pull images:
#   1. docker-compose.yml validates (Debian's docker-compose 1.29: `docker-compose config`)
#   2. the repository's Dockerfile builds, its base image a locally made tailor/node-build (tools/scripts/build-node-build-image.sh)
#   3. one app (the predictor) runs from the image on the host network against 127.0.0.1 Postgres and Redis, and its
#      /health answers 200.
# Everything it creates is labelled dev.tailor.managed=true with its own namespace and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."

NS="ci-image-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
DB="tailor_${NS//-/_}"
APP_IMAGE="tailor/app:$NS"
CONTAINER="tailor-$NS"
log() { echo "[ci-image] $*" >&2; }

cleanup() {
  docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
  docker rmi "$APP_IMAGE" >/dev/null 2>&1 || true
  docker images -q --filter "label=dev.tailor.namespace=$NS" | xargs -r docker rmi -f >/dev/null 2>&1 || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

log "validating docker-compose.yml"
command -v docker-compose >/dev/null || { log "docker-compose missing: bash tools/scripts/ensure-docker.sh installs it"; exit 1; }
docker-compose -f docker-compose.yml config -q

BASE=$(bash tools/scripts/build-node-build-image.sh)
labels=(--label dev.tailor.managed=true --label "dev.tailor.namespace=$NS")
log "building the app image from the Dockerfile with NODE_IMAGE=$BASE"
started=$SECONDS
# the build stage's image carries the namespace label too (TAILOR_IMAGE_NAMESPACE), so that cleanup finds it
docker build -q --force-rm --network host "${labels[@]}" --build-arg "NODE_IMAGE=$BASE" \
  --build-arg "TAILOR_IMAGE_NAMESPACE=$NS" -t "$APP_IMAGE" . >/dev/null
log "built $APP_IMAGE in $((SECONDS - started)) s"

log "migrating a database of its own and starting the predictor from the image"
DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$DB" npm run --silent db:migrate >&2
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
docker run -d --name "$CONTAINER" --network host "${labels[@]}" \
  -e TAILOR_APP=predictor -e PORT="$PORT" -e HOST=127.0.0.1 -e TAILOR_NAMESPACE="$NS" \
  -e DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$DB" -e REDIS_URL=redis://127.0.0.1:6379 \
  "$APP_IMAGE" >/dev/null

for _ in $(seq 1 240); do
  if body=$(curl -fsS "http://127.0.0.1:$PORT/health" 2>/dev/null); then
    log "predictor in the image is healthy after $((SECONDS - started)) s in all: $body"
    exit 0
  fi
  [ "$(docker inspect -f '{{.State.Running}}' "$CONTAINER")" = true ] || break
  sleep 0.5
done
log "the predictor did not become healthy; its log:"
docker logs "$CONTAINER" 2>&1 | tail -30 >&2
exit 1
