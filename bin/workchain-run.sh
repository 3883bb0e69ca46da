#!/usr/bin/env bash
# Runs the whole system locally in JVM mode: builds what is needed, starts a local Kafka broker
# (unless KAFKA_BOOTSTRAP_SERVERS names one) and a local RabbitMQ (when Debian's rabbitmq-server is
# installed), starts the four services, submits the sample chain (samples/sample-chain.json, whose
# last step publishes to RabbitMQ's completion-queue) and prints its completion message; then keeps
# running until Ctrl-C, which stops everything it started.
#   SKIP_BUILD=1        reuse the last build
#   SAMPLE=path.json    submit another work message instead of the sample
set -euo pipefail
cd "$(dirname "$0")/.."
STATE=.workchain
mkdir -p "$STATE/logs"
PIDS=()
STARTED_BROKER=false

cleanup() {
  # A second Ctrl-C (or TERM) while stopping is ignored: cut short, the cleanup would leave the
  # broker or the RabbitMQ node running.
  trap '' INT TERM
  trap - EXIT
  # Stop everything even when output goes to a pipe (| tee) that Ctrl-C has already closed.
  set +e
  trap '' PIPE
  echo
  echo "Stopping (a few seconds; a second Ctrl-C does not cut it short)..."
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "${RABBIT_PID:-}" ]; then kill -TERM "$RABBIT_PID" 2>/dev/null; wait "$RABBIT_PID" 2>/dev/null; fi
  if $STARTED_BROKER; then bin/kafka-local.sh stop; fi
  echo "Stopped."
}
trap cleanup EXIT
trap 'exit 130' INT TERM  # exiting runs cleanup (EXIT trap)

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "Building (the first build downloads dependencies from Maven Central: several minutes)..."
  ./mvnw -B -q install -DskipTests
fi
# shellcheck source=lib/tools.sh
. bin/lib/tools.sh
tools_build
cli_build

if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  bin/kafka-local.sh start
  STARTED_BROKER=true
  export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:${KAFKA_PORT:-9092}
fi

# RabbitMQ for the sample's AMQP item (and the specification's): Debian's rabbitmq-server, run as a
# node of this project's own (data in .workchain/rabbitmq). Without it, the sample has no AMQP step.
SAMPLE_DEFAULT=samples/sample-chain.json
if [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
  setsid java -Xmx64m -cp "tools/target/classes:$(cat "$TOOLS_CLASSPATH_FILE")" io.workchain.tools.local.LocalRabbitMq \
      --port "${RABBITMQ_PORT:-5672}" --data-dir "$STATE/rabbitmq" > "$STATE/logs/rabbitmq.log" 2>&1 &
  RABBIT_PID=$!
  for _ in $(seq 1 180); do
    if grep -q "RabbitMQ ready" "$STATE/logs/rabbitmq.log" 2>/dev/null; then grep "RabbitMQ ready" "$STATE/logs/rabbitmq.log"; break; fi
    if ! kill -0 "$RABBIT_PID" 2>/dev/null; then echo "RabbitMQ did not start; see $STATE/logs/rabbitmq.log" >&2; exit 1; fi
    sleep 0.5
  done
else
  echo "rabbitmq-server is not installed (apt-get install rabbitmq-server): the sample runs without its AMQP step"
  SAMPLE_DEFAULT=samples/sample-chain-http.json
fi

# The services' JDK: Temurin 25 where it is installed (else the default java), with each service's
# AOT cache when one was trained for this build (bin/workchain-bench.sh --train-only, or any benchmark
# run): a start in about a second and warm from the first chain (docs/performance.md, "Cold start").
SERVICE_JAVA_HOME=$(service_java_home)
AOT=false
if [ "$(service_jdk_release "$SERVICE_JAVA_HOME")" -ge 25 ]; then
  if service_aot_ready; then
    AOT=true
    echo "Services on JDK $(service_jdk_release "$SERVICE_JAVA_HOME") with their AOT caches"
  else
    echo "Services on JDK $(service_jdk_release "$SERVICE_JAVA_HOME"), no AOT cache for this build (bin/workchain-bench.sh --train-only trains them)"
  fi
fi

start_service() {
  local name=$1 port=$2; shift 2
  local aot=()
  if $AOT; then aot=("-XX:AOTCache=$name/target/quarkus-app/app.aot" "-Xlog:aot=error"); fi
  # Own session: Ctrl-C reaches this script only, which then stops the services before the broker.
  # JVM sizing: an argument file shared with the benchmark and the tests (docs/performance.md, "Memory").
  setsid "$SERVICE_JAVA_HOME/bin/java" @bin/lib/service-jvm.options "${aot[@]}" \
       -Dkafka.bootstrap.servers="$KAFKA_BOOTSTRAP_SERVERS" -Dquarkus.http.port="$port" \
       "$@" \
       -jar "$name/target/quarkus-app/quarkus-run.jar" > "$STATE/logs/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 240); do
    if curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then
      echo "  $name ready on http://127.0.0.1:$port"; return 0
    fi
    if ! kill -0 "${PIDS[-1]}" 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "$name did not become ready; see $STATE/logs/$name.log" >&2
  tail -30 "$STATE/logs/$name.log" >&2
  exit 1
}

# The demo service answers over TLS on 8443 too (the HTTPS example of docs/messages.md): a certificate for
# 127.0.0.1 and localhost made here at every start (valid 30 days), its password random and passed
# only through the environment, and trusted by the gateway through its settings (a route names it).
TLS_DIR=$STATE/tls
mkdir -p "$TLS_DIR"
rm -f "$TLS_DIR/demo.p12" "$TLS_DIR/demo.pem"
export QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_PASSWORD
QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_PASSWORD=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
keytool -genkeypair -alias demo -keyalg RSA -keysize 2048 -validity 30 -dname CN=127.0.0.1 \
    -ext SAN=ip:127.0.0.1,dns:localhost -storetype PKCS12 -keystore "$TLS_DIR/demo.p12" \
    -storepass:env QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_PASSWORD >/dev/null 2>&1
keytool -exportcert -rfc -alias demo -keystore "$TLS_DIR/demo.p12" \
    -storepass:env QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_PASSWORD -file "$TLS_DIR/demo.pem" >/dev/null 2>&1

# Callbacks (docs/callbacks.md): a key of this run's own, random, shared by the gateway (which signs
# each HTTP item's token) and the notifier (which verifies it), passed only through the environment
# and never printed; services post their answers to the notifier. Only those two are given it.
WORKCHAIN_CALLBACK_KEY=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
echo "Starting the services (logs in $STATE/logs/)..."
start_service demo-service 8084 -Dquarkus.http.ssl-port=8443 \
    -Dquarkus.http.ssl.certificate.key-store-file="$PWD/$TLS_DIR/demo.p12"
unset QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_PASSWORD
echo "  demo-service also on https://127.0.0.1:8443 (certificate $TLS_DIR/demo.pem)"
export WORKCHAIN_CALLBACK_KEY WORKCHAIN_CALLBACK_PUBLIC_URL=http://127.0.0.1:8083
start_service gateway 8081 -Dworkchain.gateway.routes.secure-demo=https://127.0.0.1:8443 \
    -Dworkchain.gateway.tls.trust-certificates-pem="$PWD/$TLS_DIR/demo.pem"
export -n WORKCHAIN_CALLBACK_KEY
start_service esb 8082
export WORKCHAIN_CALLBACK_KEY
# The notifier's state lives beside the local broker's data: both are reset together.
start_service notifier 8083 -Dkafka-streams.state.dir="$PWD/$STATE/notifier-state"
unset WORKCHAIN_CALLBACK_KEY

echo
# A chain is identified by its content: the same chain submitted again within the notifier's
# retention completes only once. The sample's text carries the time so each run is a new chain.
SUBMIT_FILE=${SAMPLE:-}
if [ -z "$SUBMIT_FILE" ]; then
  SUBMIT_FILE=$STATE/sample-chain.json
  sed "s/hello workchain/hello workchain at $(date +%H:%M:%S)/g" "$SAMPLE_DEFAULT" > "$SUBMIT_FILE"
fi
echo "Submitting $SUBMIT_FILE (a parallel step, an asynchronous item, a payload fed by step 0's output, an AMQP publish)..."
cli_java io.workchain.cli.WorkchainCommand submit --bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS" "$SUBMIT_FILE" || true
echo
echo "Workchain is running:"
echo "  gateway http://127.0.0.1:8081  esb http://127.0.0.1:8082  notifier http://127.0.0.1:8083  demo http://127.0.0.1:8084"
echo "  submit more with kcat (see README) or: bin/workchain submit FILE; follow them: bin/workchain watch"
echo "  chain console: http://127.0.0.1:8083/console/"
echo "Press Ctrl-C to stop."
wait
