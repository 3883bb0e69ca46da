"""The chain hash against the test vectors of docs/hash.md, read from that file (python3 -m unittest)."""

import json
import os
import re
import unittest

from workchain import chain_hash, work_message

HASH_DOC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "hash.md")


def vectors():
    """Each vector's work message and hash, as docs/hash.md writes them."""
    with open(HASH_DOC, encoding="utf-8") as doc:
        text = doc.read()
    found = re.findall(r"\*\*Vector (\d+)\*\*.*?```json\n(.*?)```.*?\nhash: `([0-9a-f]{32})`", text, re.S)
    return [(int(number), json.loads(body), digest) for number, body, digest in found]


class ChainHashTest(unittest.TestCase):

    def test_every_vector_of_the_docs(self):
        found = vectors()
        self.assertGreaterEqual(len(found), 7, "docs/hash.md has its vectors, run ids included")
        for number, message, digest in found:
            with self.subTest(vector=number):
                work = message["work_message"]
                self.assertEqual(digest, chain_hash(work["items"], work.get("run_id")))

    def test_fields_outside_the_hash_do_not_change_it(self):
        items = [{"order": 0, "request": {"url": "demo", "endpoint": "/api/text/count", "type": "HTTP", "method": "GET"}}]
        timed = [{"order": 0, "timeout_ms": 5000,
                  "request": {"url": "demo", "endpoint": "/api/text/count", "type": "http", "method": "get"}}]
        self.assertEqual(chain_hash(items), chain_hash(timed))


    def test_a_run_id_makes_another_chain_and_none_keeps_the_hash(self):
        items = [{"order": 0, "request": {"url": "demo", "endpoint": "/api/text/count", "type": "HTTP", "method": "GET"}}]
        self.assertEqual(chain_hash(items), chain_hash(items, None))
        self.assertNotEqual(chain_hash(items), chain_hash(items, "second"))
        self.assertNotEqual(chain_hash(items, "second"), chain_hash(items, "third"))

    def test_the_work_message_carries_its_run_id(self):
        items = [{"order": 0, "request": {"url": "demo", "endpoint": "/api/text/count", "type": "HTTP", "method": "GET"}}]
        self.assertNotIn("run_id", work_message(items)["work_message"])
        again = work_message(items, "second")["work_message"]
        self.assertEqual("second", again["run_id"])
        self.assertEqual(chain_hash(items, "second"), again["hash"])


if __name__ == "__main__":
    unittest.main()
