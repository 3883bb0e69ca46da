// The chain hash against the test vectors of docs/hash.md, read from that file (node --test).
'use strict'

const assert = require('node:assert')
const fs = require('node:fs')
const path = require('node:path')
const test = require('node:test')
const { chainHash, workMessage } = require('../workchain')

const HASH_DOC = path.join(__dirname, '..', '..', '..', 'docs', 'hash.md')

function vectors () {
  const text = fs.readFileSync(HASH_DOC, 'utf8')
  const pattern = /\*\*Vector (\d+)\*\*[\s\S]*?```json\n([\s\S]*?)```[\s\S]*?\nhash: `([0-9a-f]{32})`/g
  return [...text.matchAll(pattern)].map(([, number, body, hash]) => ({ number, message: JSON.parse(body), hash }))
}

test('every vector of docs/hash.md', () => {
  const found = vectors()
  assert.ok(found.length >= 7, 'docs/hash.md has its vectors, run ids included')
  for (const { number, message, hash } of found) {
    assert.strictEqual(chainHash(message.work_message.items, message.work_message.run_id), hash, `vector ${number}`)
  }
})

test('fields outside the hash do not change it', () => {
  const items = [{ order: 0, request: { url: 'demo', endpoint: '/api/text/count', type: 'HTTP', method: 'GET' } }]
  const timed = [{ order: 0, timeout_ms: 5000, request: { url: 'demo', endpoint: '/api/text/count', type: 'http', method: 'get' } }]
  assert.strictEqual(chainHash(timed), chainHash(items))
})

test('a run id makes another chain, and none keeps the hash', () => {
  const items = [{ order: 0, request: { url: 'demo', endpoint: '/api/text/count', type: 'HTTP', method: 'GET' } }]
  assert.strictEqual(chainHash(items, undefined), chainHash(items))
  assert.strictEqual(chainHash(items, null), chainHash(items))
  assert.notStrictEqual(chainHash(items, 'second'), chainHash(items))
  assert.notStrictEqual(chainHash(items, 'second'), chainHash(items, 'third'))
})

test('the work message carries its run id', () => {
  const items = [{ order: 0, request: { url: 'demo', endpoint: '/api/text/count', type: 'HTTP', method: 'GET' } }]
  assert.ok(!('run_id' in workMessage(items).work_message))
  const again = workMessage(items, 'second').work_message
  assert.strictEqual(again.run_id, 'second')
  assert.strictEqual(again.hash, chainHash(items, 'second'))
})
