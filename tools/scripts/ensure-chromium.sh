#!/usr/bin/env bash
# Makes sure Debian's chromium is installed: the status page's browser test drives it with playwright-core.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "[chromium] installing chromium from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq chromium >&2
