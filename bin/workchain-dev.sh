#!/usr/bin/env bash
# One service in Quarkus dev mode (live reload, Dev UI at http://127.0.0.1:PORT/q/dev-ui with its
# Kafka and gRPC pages) against the local broker, which it starts when it is not running.
#   bin/workchain-dev.sh gateway|esb|notifier|demo-service
# Ports: gateway 8081, esb 8082, notifier 8083, demo-service 8084 (the other services can run from
# bin/workchain-run.sh or another terminal's bin/workchain-dev.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
SERVICE=${1:-}
case "$SERVICE" in
  gateway|esb|notifier|demo-service) ;;
  *) echo "usage: $0 gateway|esb|notifier|demo-service" >&2; exit 2 ;;
esac
bin/kafka-local.sh status >/dev/null 2>&1 || bin/kafka-local.sh start
# The service's own sources reload live; what it shares (common) comes from the local repository.
if [ ! -f "$HOME/.m2/repository/io/workchain/common/0.1.0-SNAPSHOT/common-0.1.0-SNAPSHOT.jar" ] || [ -n "$(find common/src -newer "$HOME/.m2/repository/io/workchain/common/0.1.0-SNAPSHOT/common-0.1.0-SNAPSHOT.jar" -type f | head -1)" ]; then
  ./mvnw -B -q -pl common,testing install -DskipTests
fi
exec ./mvnw -pl "$SERVICE" quarkus:dev
