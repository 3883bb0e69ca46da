"""Workchain from Python with confluent-kafka (librdkafka): submit a chain, await its completion,
answer an asynchronous item. Copy this file; it needs only confluent-kafka and the standard library.

Records are keyed by the chain's hash with the producer's own default partitioner (librdkafka's
CRC32): Workchain puts a record that sits on another partition than its chain's where it belongs.
"""

import hashlib
import json
import time
import uuid
from datetime import datetime, timezone

from confluent_kafka import Consumer, Producer

WORK_TOPIC = "workchain.work"
NOTIFICATION_TOPIC = "workchain.notification"
COMPLETION_TOPIC = "workchain.completion"

# The request fields that make a chain's hash (docs/hash.md); any other field is left out.
_HASHED_FIELDS = ("url", "endpoint", "type", "method", "payload")


def chain_hash(items, run_id=None):
    """The chain's hash: MD5 of the RFC 8785 form of its items' orders and requests, and of its
    run_id when it has one (docs/hash.md)."""
    projection = []
    for item in items:
        request = item["request"]
        hashed = {}
        for field in _HASHED_FIELDS:
            value = request.get(field)
            if value is None:
                continue
            hashed[field] = value.strip().upper() if field in ("type", "method") else value
        projection.append({"order": item["order"], "request": hashed})
    # With a run id, an object: every chain without one hashes an array, so the two never collide
    # and a chain without a run id keeps the hash it always had.
    hashed = projection if run_id is None else {"items": projection, "run_id": run_id}
    # For string and integer values, sorted keys without blanks and non-ASCII as UTF-8 is RFC 8785.
    canonical = json.dumps(hashed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.md5(canonical.encode("utf-8")).hexdigest()


def work_message(items, run_id=None):
    """A work message with its hash filled in; a run_id runs the same items again as a chain of their own."""
    message = {"hash": chain_hash(items, run_id), "items": items}
    if run_id is not None:
        message["run_id"] = run_id
    return {"work_message": message}


def submit(producer, items, topic=WORK_TOPIC, on_delivery=None, run_id=None):
    """Writes the chain keyed by its hash; returns the hash. Call producer.flush() to wait for the broker.
    The same items sent again are the same chain (ignored as a duplicate) unless run_id differs."""
    message = work_message(items, run_id)
    digest = message["work_message"]["hash"]
    producer.produce(topic, key=digest, value=json.dumps(message).encode("utf-8"),
                     headers={"content-type": "application/json"}, on_delivery=on_delivery)
    return digest


def notify(producer, digest, order, index, data, ok=True, metadata=None, topic=NOTIFICATION_TOPIC,
           on_delivery=None):
    """An asynchronous service's answer to one item (the X-Workchain-Hash/-Order/-Index it was called with)."""
    response = {"error": not ok, "ok": ok, "data": data}
    if metadata is not None:
        response["metadata"] = metadata
    message = {"notification_message": {"hash": digest, "items": [
        {"order": order, "index": index, "response": response}]}}
    producer.produce(topic, key=digest, value=json.dumps(message).encode("utf-8"), headers={
        "content-type": "application/json",
        # CloudEvents binary mode, as Workchain's own notifications carry them.
        "ce_specversion": "1.0",
        "ce_id": "%s/%d/%d@%d" % (digest, order, index, int(time.time() * 1000)),
        "ce_source": "/python-service",
        "ce_type": "io.workchain.message.notification",
        "ce_subject": digest,
        "ce_time": datetime.now(timezone.utc).isoformat(),
    }, on_delivery=on_delivery)


def await_completion(bootstrap_servers, digest, timeout_s=60.0, topic=COMPLETION_TOPIC):
    """The completion message of chain `digest` (a dict), read from the beginning; TimeoutError past timeout_s."""
    consumer = Consumer({
        "bootstrap.servers": bootstrap_servers,
        "group.id": "workchain-python-" + uuid.uuid4().hex,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        # Completions are written in the notifier's transactions: read only committed ones.
        "isolation.level": "read_committed",
    })
    consumer.subscribe([topic])
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            record = consumer.poll(0.5)
            if record is None or record.error() is not None:
                continue
            if record.key() is not None and record.key().decode("utf-8") == digest:
                return json.loads(record.value())["completion_message"]
    finally:
        consumer.close()
    raise TimeoutError("no completion of %s within %s s" % (digest, timeout_s))


def producer(bootstrap_servers):
    """A producer at librdkafka's defaults (CRC32 partitioner), acks from all in-sync replicas."""
    return Producer({"bootstrap.servers": bootstrap_servers, "acks": "all"})
