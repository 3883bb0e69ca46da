#!/usr/bin/env bash
# End-to-end benchmark of a running system (start it first with bin/workchain-run.sh):
#   bin/workchain-bench.sh [--chains 200] [--concurrency 20]
# Prints completed chains/s and submit-to-completion latency percentiles. Loopback only, bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f .workchain/kafka.classpath ] || [ ! -f testing/target/classes/io/workchain/testing/WorkchainBench.class ]; then
  mkdir -p .workchain
  ./mvnw -B -q -pl testing -am install -DskipTests
  ./mvnw -B -q -pl testing dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/.workchain/kafka.classpath"
fi
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "testing/target/classes:$(cat .workchain/kafka.classpath)" io.workchain.testing.WorkchainBench \
  --bootstrap-servers "${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}" "$@"
