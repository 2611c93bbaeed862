#!/usr/bin/env bash
# Builds tailor/node-build:<node version> locally (no registry can be reached): the host's node binary and the shared
# libraries it links, the host's npm with a copy of the host's npm cache (npm ci then prefers it to the registry), and
# busybox (Debian's busybox-static) as /bin/sh and the usual commands. It can run the Dockerfile's `npm ci`, so
# `docker build --network host --build-arg NODE_IMAGE=tailor/node-build:<version> .` works here.
# Prints the image's tag.
set -euo pipefail
cd "$(dirname "$0")/../.."

NODE_BIN=$(readlink -f "$(command -v node)")
NODE_VERSION=$(node -p 'process.versions.node')
NPM_DIR=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
TAG="tailor/node-build:${NODE_VERSION}"

if docker image inspect "$TAG" >/dev/null 2>&1; then echo "$TAG"; exit 0; fi

busybox_linkage=$(ldd /bin/busybox 2>&1 || true)
if [ ! -x /bin/busybox ] || [[ $busybox_linkage != *"not a dynamic"* ]]; then
  echo "[image] installing busybox-static from Debian's packages" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static >&2
fi

echo "[image] importing $TAG from $NODE_BIN, $NPM_DIR and busybox" >&2
rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs"/{bin,usr/bin,usr/local/bin,usr/local/lib/node_modules,tmp,etc,root,app}
cp "$NODE_BIN" "$rootfs/usr/local/bin/node"
# the shared libraries of node and of the native addons npm installs (e.g. @swc/core wants librt, libgcc_s)
native_addons=$(find node_modules -name '*.node' -type f 2>/dev/null || true)
# shellcheck disable=SC2086
{ ldd "$NODE_BIN"; for addon in $native_addons; do ldd "$addon" 2>/dev/null || true; done; } |
  awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $2 ~ /^\(/ { print $1 }' | sort -u | while read -r lib; do
  mkdir -p "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
done
cp -a "$NPM_DIR" "$rootfs/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
cp /bin/busybox "$rootfs/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ -e "$rootfs/bin/$applet" ] || ln -s busybox "$rootfs/bin/$applet"
done
ln -s /bin/env "$rootfs/usr/bin/env"
[ -d /etc/ssl/certs ] && mkdir -p "$rootfs/etc/ssl" && cp -rL /etc/ssl/certs "$rootfs/etc/ssl/certs"
cp /etc/resolv.conf "$rootfs/etc/resolv.conf" 2>/dev/null || true
printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000:node:/app:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
chmod 1777 "$rootfs/tmp"
NPM_CACHE=$(npm config get cache)
if [ -d "$NPM_CACHE/_cacache" ]; then
  mkdir -p "$rootfs/root/.npm"
  cp -a "$NPM_CACHE/_cacache" "$rootfs/root/.npm/_cacache"
fi
changes=(--change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' --change 'ENV npm_config_cache=/root/.npm'
  --change 'ENV npm_config_prefer_offline=true')
# where the host trusts an extra CA (e.g. a TLS-inspecting proxy in front of the npm registry), so does the image
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
  mkdir -p "$rootfs$(dirname "$NODE_EXTRA_CA_CERTS")"
  cp -L "$NODE_EXTRA_CA_CERTS" "$rootfs$NODE_EXTRA_CA_CERTS"
  changes+=(--change "ENV NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS")
fi
tar -C "$rootfs" -c . | docker import "${changes[@]}" \
  --change "LABEL dev.tailor.managed=true dev.tailor.kind=node-build dev.tailor.node-version=${NODE_VERSION}" \
  - "$TAG" >/dev/null
echo "$TAG"
