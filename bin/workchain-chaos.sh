#!/usr/bin/env bash
# Chaos proof: N three-step chains while the ESB, the gateway, the notifier and the demo service
# are SIGKILLed and restarted in turn and the broker is restarted once; prints submitted,
# COMPLETED, FAILED, missing, duplicates and dead letters. Loopback only, bounded, stops by itself.
#   bin/workchain-chaos.sh [N]      (N defaults to 200; the CI suite runs 20)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200}
./mvnw -B -q install -DskipTests
./mvnw -B -pl e2e verify -Dit.test=ChaosIT -Dchaos.chains="$N" -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  | grep -E "chaos:|Tests run:|BUILD|FAIL"
