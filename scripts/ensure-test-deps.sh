#!/usr/bin/env bash
# Runs before `npm test`: the integration tests need Debian's chromium (GraphiQL page and browser
# attack tests), redis-server (shared cache tests), nginx (the shipped deploy/nginx.conf in front of
# the gateway) and unzip (reads back and CRC-checks the dataset zips). Installs whatever is missing
# when it can (root with apt-get), otherwise says what to install and fails. Installing nginx starts
# no server: the test runs its own, on a free port.
set -euo pipefail

missing=()
command -v "${CHROMIUM_PATH:-chromium}" >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing test dependencies: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "the tests need these system packages: ${missing[*]}" >&2
echo "install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}) and run npm test again" >&2
exit 1
