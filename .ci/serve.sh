#!/usr/bin/env bash
# The README's run command: installs what the product needs, then serves the backend with
# the embedded defaults (SQLite under .data/, the demo tenant, the sandbox page at /) on
# http://127.0.0.1:5080 unless --urls or ASPNETCORE_URLS says otherwise.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash .ci/setup.sh --run
args=("$@")
# A launch profile's applicationUrl would override ASPNETCORE_URLS, so pass it on explicitly.
if [ -n "${ASPNETCORE_URLS:-}" ] && [[ " $* " != *" --urls"* ]]; then
  args+=(--urls "$ASPNETCORE_URLS")
fi
exec dotnet run --project backend/SalesCoach.Api --no-restore -- "${args[@]}"
