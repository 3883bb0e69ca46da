#!/usr/bin/env bash
# A local Apache Kafka broker (KRaft, from Maven Central: no Docker) on 127.0.0.1:9092.
#   bin/kafka-local.sh start    build if needed, format storage on first use, start, wait until ready
#   bin/kafka-local.sh stop     stop it cleanly (SIGTERM, then wait)
#   bin/kafka-local.sh status
# Data lives in .workchain/kafka (git-ignored); delete that directory for a fresh broker.
# Settings: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), WORKCHAIN_PARTITIONS (3).
set -euo pipefail
cd "$(dirname "$0")/.."
STATE=.workchain
PID_FILE=$STATE/kafka.pid
LOG_FILE=$STATE/kafka.log
PORT=${KAFKA_PORT:-9092}
mkdir -p "$STATE"
# shellcheck source=lib/tools.sh
. bin/lib/tools.sh

running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

start() {
  if running; then echo "Kafka already running (pid $(cat "$PID_FILE")) on 127.0.0.1:$PORT"; return 0; fi
  if [ ! -f tools/target/classes/io/workchain/tools/local/LocalKafkaBroker.class ]; then
    echo "Building the broker launcher (first run downloads Kafka from Maven Central)..."
  fi
  tools_build
  # -Xmx: the broker of a local run holds little; 512 MB leaves room for the benchmark's bursts.
  setsid nohup java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=info \
      -cp "tools/target/classes:$(cat "$TOOLS_CLASSPATH_FILE")" io.workchain.tools.local.LocalKafkaBroker \
      --port "$PORT" --controller-port "${KAFKA_CONTROLLER_PORT:-9093}" --data-dir "$STATE/kafka" \
      --partitions "${WORKCHAIN_PARTITIONS:-3}" > "$LOG_FILE" 2>&1 &
  echo $! > "$PID_FILE"
  for _ in $(seq 1 120); do
    if grep -q "Kafka broker ready" "$LOG_FILE" 2>/dev/null; then grep "Kafka broker ready" "$LOG_FILE"; return 0; fi
    if ! running; then echo "Kafka failed to start; see $LOG_FILE" >&2; tail -20 "$LOG_FILE" >&2; exit 1; fi
    sleep 0.5
  done
  echo "Kafka not ready after 60 s; see $LOG_FILE" >&2; exit 1
}

stop() {
  if ! running; then echo "Kafka not running"; rm -f "$PID_FILE"; return 0; fi
  local pid; pid=$(cat "$PID_FILE")
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; echo "Kafka stopped"; return 0; }; sleep 0.5; done
  echo "Kafka did not stop in 30 s; killing it" >&2; kill -KILL "$pid" || true; rm -f "$PID_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running (pid $(cat "$PID_FILE")) on 127.0.0.1:$PORT"; else echo "stopped"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
