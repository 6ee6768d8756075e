#!/usr/bin/env bash
# Starts a throw-away RabbitMQ broker (Debian's package) on 127.0.0.1 for the test run and prints
# its folder. Everything it writes (database, logs, Erlang cookie) lives in that temporary folder;
# its node name, AMQP, distribution and port-mapper ports are its own, so a system broker on the
# same machine is never touched. The AMQP URI is amqp://guest:guest@127.0.0.1:PORT/ (guest may
# only log in over loopback, which is all this broker listens on).
#
#   bash .ci/rabbitmq.sh              start (port: SALESCOACH_RABBITMQ_PORT, default 26672; the
#                                     distribution and port-mapper ports are the next two. Keep
#                                     them below Linux's ephemeral range, 32768-60999: a busy client
#                                     can hold such a port and the broker then cannot bind it)
#   bash .ci/rabbitmq.sh stop DIR     stop it and delete DIR
#   bash .ci/rabbitmq.sh stop_app DIR / start_app DIR   stop or start the broker application
#                                     inside the running node (the tests' broker restart)
set -euo pipefail
bin=/usr/lib/rabbitmq/bin

broker_env() {
  # shellcheck source=/dev/null
  . "$1/env"
}

case "${1:-}" in
  stop)
    dir=$2
    if [ -f "$dir/env" ]; then
      broker_env "$dir"
      "$bin/rabbitmqctl" -q stop "$RABBITMQ_PID_FILE" >/dev/null 2>&1 || true
      ERL_EPMD_PORT=$ERL_EPMD_PORT epmd -kill >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    exit 0
    ;;
  stop_app | start_app)
    broker_env "$2"
    "$bin/rabbitmqctl" -q "$1" >/dev/null
    if [ "$1" = start_app ]; then "$bin/rabbitmqctl" -q await_startup >/dev/null; fi
    exit 0
    ;;
esac

port=${SALESCOACH_RABBITMQ_PORT:-26672}
dir=$(mktemp -d -t salescoach-rabbitmq.XXXXXX)
cat >"$dir/env" <<EOF
export HOME="$dir"
export RABBITMQ_NODENAME="sc-test-$(basename "$dir" | tr -cd 'A-Za-z0-9')@localhost"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$port
export RABBITMQ_DIST_PORT=$((port + 1))
export ERL_EPMD_PORT=$((port + 2))
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export RABBITMQ_MNESIA_BASE="$dir/mnesia"
export RABBITMQ_LOG_BASE="$dir/log"
export RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
export RABBITMQ_CONFIG_FILE="$dir/rabbitmq"
export RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
export RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
export ERL_CRASH_DUMP="$dir/erl_crash.dump"
EOF
# No plugins, no management listener: only AMQP 0-9-1 on the given port.
printf '[].\n' >"$dir/enabled_plugins"
printf 'loopback_users.guest = true\n' >"$dir/rabbitmq.conf"
: >"$dir/rabbitmq-env.conf"
mkdir -p "$dir/mnesia" "$dir/log"
broker_env "$dir"
setsid "$bin/rabbitmq-server" >"$dir/log/console.log" 2>&1 </dev/null &
if ! timeout 90 "$bin/rabbitmqctl" -q wait "$RABBITMQ_PID_FILE" --timeout 90 >/dev/null 2>&1; then
  echo "RabbitMQ did not start; its log:" >&2
  tail -n 40 "$dir/log/console.log" >&2 || true
  bash "$0" stop "$dir"
  exit 1
fi
echo "$dir"
