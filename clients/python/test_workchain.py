"""The chain hash against the test vectors of docs/hash.md, read from that file (python3 -m unittest)."""

import json
import os
import re
import unittest

from workchain import chain_hash

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
        self.assertGreaterEqual(len(found), 5, "docs/hash.md has its vectors")
        for number, message, digest in found:
            with self.subTest(vector=number):
                self.assertEqual(digest, chain_hash(message["work_message"]["items"]))

    def test_fields_outside_the_hash_do_not_change_it(self):
        items = [{"order": 0, "request": {"url": "demo", "endpoint": "/api/text/count", "type": "HTTP", "method": "GET"}}]
        timed = [{"order": 0, "timeout_ms": 5000,
                  "request": {"url": "demo", "endpoint": "/api/text/count", "type": "http", "method": "get"}}]
        self.assertEqual(chain_hash(items), chain_hash(timed))


if __name__ == "__main__":
    unittest.main()
