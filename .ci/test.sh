#!/usr/bin/env bash
# The README's test command: installs what the tests need, starts PostgreSQL and RabbitMQ, builds
# everything, runs every .NET test project and every adapter's unit tests, and ends with
# one line "N passed, N failed" counted from the TRX and JUnit result files.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

bash .ci/setup.sh --test || { echo "set-up failed"; echo "0 passed, 1 failed"; exit 1; }

pg_dir=$(bash .ci/postgres.sh) || { echo "PostgreSQL did not start"; echo "0 passed, 1 failed"; exit 1; }
trap 'bash .ci/postgres.sh stop "$pg_dir"' EXIT
export SALESCOACH_TEST_POSTGRES="Host=127.0.0.1;Port=${SALESCOACH_PG_PORT:-25432};Username=postgres;Database=postgres;Pooling=true"

rabbit_dir=$(bash .ci/rabbitmq.sh) || { echo "RabbitMQ did not start"; echo "0 passed, 1 failed"; exit 1; }
trap 'bash .ci/postgres.sh stop "$pg_dir"; bash .ci/rabbitmq.sh stop "$rabbit_dir"' EXIT
export SALESCOACH_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:${SALESCOACH_RABBITMQ_PORT:-26672}/"
# The broker's folder lets the transport tests restart the broker application (stop_app / start_app).
export SALESCOACH_TEST_RABBITMQ_DIR="$rabbit_dir"
export SALESCOACH_ARTIFACTS="$root/artifacts"

status=0
build_failures=0
echo "== build"
# A project that does not build runs no tests: it counts as one failure in the closing line.
dotnet build SalesCoach.Plugins.sln --no-restore -c Release -nologo -v quiet -clp:ErrorsOnly || { status=1; build_failures=1; }

for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" --no-build -c Release -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

if [ -f plugins/package.json ]; then
  echo "== adapters (npm test)"
  (cd plugins && JUNIT_DIR="$results" npm test --silent) || { status=1; [ -n "$(find "$results" -name '*.junit.xml' -print -quit)" ] || build_failures=$((build_failures + 1)); }
fi

python3 .ci/count-results.py "$results" "$build_failures" || status=1
exit $status
