#!/usr/bin/env bash
# Runs the whole system locally in JVM mode: builds what is needed, starts a local Kafka broker
# (unless KAFKA_BOOTSTRAP_SERVERS names one), the four services, submits the sample chain and
# prints its completion message; then keeps running until Ctrl-C, which stops all it started.
set -euo pipefail
cd "$(dirname "$0")/.."
STATE=.workchain
mkdir -p "$STATE/logs"
PIDS=()
STARTED_BROKER=false

cleanup() {
  trap - INT TERM EXIT
  echo; echo "Stopping..."
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if $STARTED_BROKER; then bin/kafka-local.sh stop; fi
  echo "Stopped."
}
trap cleanup INT TERM EXIT

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "Building (the first build downloads dependencies from Maven Central; later ones take ~1 min)..."
  ./mvnw -B -q install -DskipTests
fi

if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  bin/kafka-local.sh start
  STARTED_BROKER=true
  export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:${KAFKA_PORT:-9092}
fi

start_service() {
  local name=$1 port=$2
  java -Dkafka.bootstrap.servers="$KAFKA_BOOTSTRAP_SERVERS" -Dquarkus.http.port="$port" \
       -jar "$name/target/quarkus-app/quarkus-run.jar" > "$STATE/logs/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then echo "  $name ready on http://127.0.0.1:$port"; return 0; fi
    sleep 0.5
  done
  echo "$name did not become ready; see $STATE/logs/$name.log" >&2; tail -30 "$STATE/logs/$name.log" >&2; exit 1
}

echo "Starting the services (logs in $STATE/logs/)..."
start_service demo-service 8084
start_service gateway 8081
start_service esb 8082
start_service notifier 8083

echo "Workchain is running. Press Ctrl-C to stop."
wait
