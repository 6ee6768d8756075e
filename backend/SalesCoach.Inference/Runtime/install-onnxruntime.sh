#!/usr/bin/env bash
# Fetches the ONNX Runtime shared library from the npm package onnxruntime-node (the NuGet
# packages are not on our registry), checks its SHA-256 and puts it in Runtime/native/.
# The package's post-install script is skipped: it tries to download a CUDA add-on.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=1.30.0
expected_sha256=$(cat "$here/onnxruntime.sha256")
target="$here/native/libonnxruntime.so.1"

if [ -f "$target" ] && echo "$expected_sha256  $target" | sha256sum -c --status; then
  echo "onnxruntime $version already in place"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "onnxruntime-node@$version" >/dev/null && tar -xzf onnxruntime-node-$version.tgz)
lib="$work/package/bin/napi-v6/linux/x64/libonnxruntime.so.1"
actual=$(sha256sum "$lib" | cut -d' ' -f1)
if [ "$actual" != "$expected_sha256" ]; then
  echo "onnxruntime-node $version: libonnxruntime.so.1 has SHA-256 $actual, expected $expected_sha256" >&2
  exit 1
fi
mkdir -p "$here/native"
cp "$lib" "$target"
cp "$work/package/LICENSE" "$here/native/LICENSE.onnxruntime" 2>/dev/null || true
echo "onnxruntime $version installed ($actual)"
