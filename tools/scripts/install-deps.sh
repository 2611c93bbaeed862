#!/usr/bin/env bash
# Installs the npm dependencies when node_modules is missing or older than the lockfile.
set -euo pipefail
# onnxruntime-node ships its CPU binaries; its install script would try to download CUDA files (unreachable here)
export ONNXRUNTIME_NODE_INSTALL=skip
cd "$(dirname "$0")/../.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] npm ci" >&2
  npm ci --no-audit --no-fund >&2
fi
