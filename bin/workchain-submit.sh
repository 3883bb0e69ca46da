#!/usr/bin/env bash
# Submits a work message (JSON or protobuf file, or - for standard input) and prints its completion.
#   bin/workchain-submit.sh samples/sample-chain.json
# KAFKA_BOOTSTRAP_SERVERS (default 127.0.0.1:9092). Exit: 0 completed, 1 chain failed, 2 bad input, 3 timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f .workchain/client.classpath ] || [ ! -d common/target/classes ]; then
  mkdir -p .workchain
  ./mvnw -B -q -pl common install -DskipTests
  ./mvnw -B -q -pl common dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/.workchain/client.classpath"
fi
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "common/target/classes:$(cat .workchain/client.classpath)" io.workchain.common.client.WorkchainCli \
    --bootstrap-servers "${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}" "$@"
