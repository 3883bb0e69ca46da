#!/usr/bin/env bash
# The benchmark: starts its own broker, the four services (JVM mode) and the floor relays (the same
# Kafka hops and HTTP call without Workchain's logic; plain, and with the forwarding hop exactly-once),
# all on loopback; measures 1-step and 5-step chains side by side with both floors (closed loop for
# the maximum, open loop at fixed rates), then overload (twice the maximum) and, with --cold or in
# --quick, the first chains after a restart; prints throughput, latency percentiles, CPU per 1,000
# chains and peak RSS per process, with Workchain's figures as ratios to both floors', and the
# targets (met or not: a report, not an assertion). Bounded in count and time.
# Warms all three up until Workchain's maximum holds steady first (cold figures measure the JIT).
#   bin/workchain-bench.sh [--quick] [--out DIR]     (results.json, summary.md and latency-vs-rate.svg in DIR, default target/bench)
#   bin/workchain-bench.sh --cold                    (the full run and a cold phase: 1,000 chains after a restart against warm)
#   bin/workchain-bench.sh --closed-only             (warm-up, the 1-step maximum and half of it: an A/B of a change)
#   bin/workchain-bench.sh --closed-only --rate 300,600  (the same at fixed open-loop rates: latencies at equal load)
#   bin/workchain-bench.sh --closed-only --camel     (the same with the Camel route beside them: module camel-route)
#   bin/workchain-bench.sh --native                  (the services' native executables, where they were built)
#   bin/workchain-bench.sh --train-only              (only train the services' AOT caches, which the run script then uses)
#   bin/workchain-bench.sh --memory                  (only the broker and the services: each one's RSS idle, every 10,000 of 100,000 chains, peak)
#   WORKCHAIN_SERVICE_JVM_ARGS=-XX:+UseCompactObjectHeaders bin/workchain-bench.sh --memory   (extra JVM options for every service)
#   WORKCHAIN_SERVICE_JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 bin/workchain-bench.sh --memory   (the services on another JDK)
#   bin/workchain-bench.sh --help                    (every option)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .workchain
# shellcheck source=lib/tools.sh
. bin/lib/tools.sh
if [ -z "${SKIP_BUILD:-}" ]; then
  # The services are packaged by the full build; the benchmark runs from the tools module.
  ./mvnw -B -q install -DskipTests
  tools_build
fi
# The services run on Temurin 25 where it is installed, with an AOT cache trained first (--no-aot: without).
# WORKCHAIN_SERVICE_JIT: the services' JIT option (e.g. -XX:TieredStopAtLevel=1; the benchmark's default: full tiered).
# WORKCHAIN_WARM_UP_ROUNDS: the services' warm-up rounds before ready (default: theirs; 0: no warm-up).
# WORKCHAIN_SERVICE_JVM_ARGS: more JVM options for every service, space-separated (--jfr adds its recording to them).
exec java -Xmx1g -Dworkchain.root="$PWD" -Dworkchain.service-java-home="$(service_java_home)" \
  ${WORKCHAIN_SERVICE_JIT:+"-Dworkchain.service-jit=$WORKCHAIN_SERVICE_JIT"} \
  ${WORKCHAIN_WARM_UP_ROUNDS:+"-Dworkchain.service-warm-up-rounds=$WORKCHAIN_WARM_UP_ROUNDS"} \
  ${WORKCHAIN_SERVICE_JVM_ARGS:+"-Dworkchain.service-jvm-args=$WORKCHAIN_SERVICE_JVM_ARGS"} \
  -cp "tools/target/classes:$(cat "$TOOLS_CLASSPATH_FILE")" io.workchain.tools.bench.Benchmark "$@"
