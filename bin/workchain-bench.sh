#!/usr/bin/env bash
# The benchmark: starts its own broker, the four services (JVM mode) and the floor relays (the same
# Kafka hops and HTTP call without Workchain's logic), all on loopback; measures 1-step and 5-step
# chains side by side with the floor (closed loop for the maximum, open loop at fixed rates) and
# prints throughput, latency percentiles, CPU per 1,000 chains and peak RSS per process, with
# Workchain's figures as ratios to the floor's. Bounded in count and time.
#   bin/workchain-bench.sh [--quick] [--out DIR]     (results.json and latency-vs-rate.svg in DIR, default target/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .workchain
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q install -DskipTests
  ./mvnw -B -q -pl testing dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/.workchain/testing.classpath"
fi
exec java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dworkchain.root="$PWD" \
  -cp "testing/target/classes:$(cat .workchain/testing.classpath)" io.workchain.testing.bench.Benchmark "$@"
