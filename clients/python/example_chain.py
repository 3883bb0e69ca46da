"""A chain from Python, end to end: an asynchronous service, a chain that calls it, its completion.

    python3 example_chain.py --bootstrap 127.0.0.1:9092 --port 8095 --items chain.json

The service answers 202 at once and publishes its answer to the notification topic half a second
later, keyed by the chain's hash (librdkafka's default partitioner). The gateway reaches it through
a route (workchain.gateway.routes.python-service=http://127.0.0.1:8095). The last line printed is a
JSON report: the hash, the partition each record went to, the completion.
"""

import argparse
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import workchain

MAX_BODY = 1 << 20


def async_service(port, producer, partitions):
    """An HTTP service that accepts (202) and answers later on Kafka: the payload's text reversed."""

    def delivered(error, record):
        partitions.append(record.partition() if error is None else str(error))

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self.send_error(413)
                return
            text = json.loads(self.rfile.read(length) or b"{}").get("text", "")
            digest = self.headers["X-Workchain-Hash"]
            order, index = int(self.headers["X-Workchain-Order"]), int(self.headers["X-Workchain-Index"])
            self.send_response(202)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"accepted":true}')

            def answer():
                workchain.notify(producer, digest, order, index, json.dumps({"text": text[::-1]}, separators=(",", ":")),
                                 metadata='{"async":true,"language":"python"}', on_delivery=delivered)
                producer.flush(10)
            threading.Timer(0.5, answer).start()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bootstrap", default="127.0.0.1:9092")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--items", required=True, help="a JSON file holding the chain's items")
    parser.add_argument("--timeout", type=float, default=90.0)
    args = parser.parse_args()
    with open(args.items, encoding="utf-8") as source:
        items = json.load(source)

    notification_partitions = []
    server = async_service(args.port, workchain.producer(args.bootstrap), notification_partitions)
    work_partitions = []
    delivered = lambda error, record: work_partitions.append(record.partition() if error is None else str(error))

    # README: python
    producer = workchain.producer(args.bootstrap)
    digest = workchain.submit(producer, items, on_delivery=delivered)   # keyed by its hash, CRC32 partitioner
    producer.flush(30)
    completion = workchain.await_completion(args.bootstrap, digest, timeout_s=args.timeout)
    print(completion["status"], completion["items"][-1]["response"]["data"])
    # README: end

    server.shutdown()
    print(json.dumps({"hash": digest, "work_partitions": work_partitions,
                      "notification_partitions": notification_partitions, "completion": completion}))


if __name__ == "__main__":
    main()
