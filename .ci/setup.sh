#!/usr/bin/env bash
# Installs everything the product (--run) or the test suite (--test) needs on a fresh machine:
# Debian packages, the pinned ONNX Runtime native library, npm packages and NuGet packages.
# Safe to run again; it never relies on what an earlier run left behind.
set -euo pipefail
mode=${1:---run}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

log() { printf '\n== %s\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_packages=(ca-certificates python3)
if [ "$mode" = "--test" ]; then
  # PostgreSQL: the server store under test. RabbitMQ: the scale-out event transport under test. Chromium: browser tests. python3-onnx: independent
  # checker of the ONNX files we write. python3-sklearn: the peer model in the benchmarks.
  apt_packages+=(postgresql rabbitmq-server chromium fonts-noto-cjk python3-onnx python3-sklearn python3-numpy)
fi

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

log "ONNX Runtime native library"
bash backend/SalesCoach.Inference/Runtime/install-onnxruntime.sh

if [ -f plugins/package.json ]; then
  log "npm packages for the adapters"
  (cd plugins && npm ci --no-audit --no-fund --ignore-scripts)
  (cd plugins && npm run --silent build)
fi

if [ "$mode" = "--test" ]; then
  # The real peers of the CRM signature conformance tests (HubSpot's API client, a published Salesforce request).
  log "npm packages for the conformance tests"
  (cd tests/conformance-peers && npm ci --no-audit --no-fund --ignore-scripts)
fi

log "NuGet restore"
dotnet restore SalesCoach.Plugins.sln --verbosity quiet
