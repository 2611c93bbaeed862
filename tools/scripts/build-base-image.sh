#!/usr/bin/env bash
# Builds Tailor's images locally (no registry can be reached):
#   tailor/node-base:<node version>  the host's node binary and the shared libraries it links, imported as a root filesystem
#   tailor/runtime:base              node-base plus Tailor's runtime server (images/runtime) and its profiling agent
#                                    (libs/profiling-agent, bundled by tools/scripts/bundle-runtime-agent.mjs): the generic runtime
set -euo pipefail
cd "$(dirname "$0")/../.."

NODE_BIN=$(readlink -f "$(command -v node)")
NODE_VERSION=$(node -p 'process.versions.node')
BASE_TAG="tailor/node-base:${NODE_VERSION}"
RUNTIME_TAG="${TAILOR_BASE_IMAGE:-tailor/runtime:base}"

if ! docker image inspect "$BASE_TAG" >/dev/null 2>&1; then
  echo "[image] importing $BASE_TAG from $NODE_BIN" >&2
  rootfs=$(mktemp -d)
  trap 'rm -rf "$rootfs"' EXIT
  mkdir -p "$rootfs/usr/local/bin" "$rootfs/tmp" "$rootfs/etc" "$rootfs/opt/tailor"
  cp "$NODE_BIN" "$rootfs/usr/local/bin/node"
  ldd "$NODE_BIN" | grep -o '/[^ ]*' | while read -r lib; do
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
  done
  echo 'root:x:0:0:root:/root:/sbin/nologin' >"$rootfs/etc/passwd"
  echo 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' >>"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  chmod 1777 "$rootfs/tmp"
  tar -C "$rootfs" -c . | docker import \
    --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
    --change "LABEL dev.tailor.managed=true dev.tailor.kind=node-base dev.tailor.node-version=${NODE_VERSION}" \
    - "$BASE_TAG" >/dev/null
fi

echo "[image] building $RUNTIME_TAG" >&2
node tools/scripts/bundle-runtime-agent.mjs # Tailor's profiling agent for the runtime server, into images/runtime/agent/
docker build -q --build-arg "BASE_IMAGE=$BASE_TAG" -t "$RUNTIME_TAG" images/runtime >/dev/null
echo "$RUNTIME_TAG"
