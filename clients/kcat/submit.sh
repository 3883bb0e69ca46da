#!/usr/bin/env bash
# Submits a work message with kcat, keyed by its hash, and prints its completion (key|value).
#   clients/kcat/submit.sh HASH WORK.json      (KAFKA_BOOTSTRAP_SERVERS, default 127.0.0.1:9092)
# The hash is the chain's (docs/hash.md); kcat places the key with its own partitioner (CRC32), and
# Workchain puts the record on its chain's partition itself. Without a hash, send the work message
# unkeyed: the notifier keys it by its hash, and the completion names it.
set -euo pipefail
BROKER=${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}
HASH=$1
WORK=$2

# README: kcat
printf '%s|%s\n' "$HASH" "$(tr -d '\n' < "$WORK")" | kcat -P -b "$BROKER" -t workchain.work -K'|'
until kcat -C -b "$BROKER" -t workchain.completion -o beginning -K'|' -e -q | grep "^$HASH|"; do sleep 1; done
# README: end
