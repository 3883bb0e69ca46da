// Workchain from Node.js with kafkajs: submit a chain, await its completion, answer an asynchronous
// item. Copy this file; it needs only kafkajs and Node's own modules.
//
// Records are keyed by the chain's hash with the producer's own partitioner, whichever it is:
// Workchain puts a record that sits on another partition than its chain's where it belongs.
'use strict'

const crypto = require('node:crypto')

const WORK_TOPIC = 'workchain.work'
const NOTIFICATION_TOPIC = 'workchain.notification'
const COMPLETION_TOPIC = 'workchain.completion'

// The request fields that make a chain's hash (docs/hash.md); any other field is left out.
const HASHED_FIELDS = ['url', 'endpoint', 'type', 'method', 'payload']

/** RFC 8785 for the values a projection holds (objects, arrays, strings, integers): keys sorted, no blanks. */
function canonical (value) {
  if (Array.isArray(value)) {
    return '[' + value.map(canonical).join(',') + ']'
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort()
    return '{' + keys.map(key => JSON.stringify(key) + ':' + canonical(value[key])).join(',') + '}'
  }
  return JSON.stringify(value) // strings escaped as RFC 8785 says (it is defined by this very function)
}

/**
 * The chain's hash: MD5 of the RFC 8785 form of its items' orders and requests, and of its run id
 * when it has one (docs/hash.md).
 */
function chainHash (items, runId) {
  const projection = items.map(item => {
    const request = {}
    for (const field of HASHED_FIELDS) {
      const value = item.request[field]
      if (value === undefined || value === null) continue
      request[field] = field === 'type' || field === 'method' ? value.trim().toUpperCase() : value
    }
    return { order: item.order, request }
  })
  // With a run id, an object: every chain without one hashes an array, so the two never collide
  // and a chain without a run id keeps the hash it always had.
  const hashed = runId === undefined || runId === null ? projection : { items: projection, run_id: runId }
  return crypto.createHash('md5').update(canonical(hashed), 'utf8').digest('hex')
}

/** A work message with its hash filled in; a run id runs the same items again as a chain of their own. */
function workMessage (items, runId) {
  const message = { hash: chainHash(items, runId), items }
  if (runId !== undefined && runId !== null) message.run_id = runId
  return { work_message: message }
}

/**
 * Writes the chain keyed by its hash; resolves to { hash, partition } once the broker has it. The
 * same items sent again are the same chain (ignored as a duplicate) unless runId differs.
 */
async function submit (producer, items, topic = WORK_TOPIC, { runId } = {}) {
  const message = workMessage(items, runId)
  const hash = message.work_message.hash
  const [written] = await producer.send({
    topic,
    acks: -1,
    messages: [{ key: hash, value: JSON.stringify(message), headers: { 'content-type': 'application/json' } }]
  })
  return { hash, partition: written.partition }
}

/** An asynchronous service's answer to one item (the X-Workchain-Hash/-Order/-Index it was called with). */
async function notify (producer, hash, order, index, data, { ok = true, metadata, topic = NOTIFICATION_TOPIC } = {}) {
  const response = { error: !ok, ok, data }
  if (metadata !== undefined) response.metadata = metadata
  const message = { notification_message: { hash, items: [{ order, index, response }] } }
  const [written] = await producer.send({
    topic,
    acks: -1,
    messages: [{
      key: hash,
      value: JSON.stringify(message),
      headers: {
        'content-type': 'application/json',
        // CloudEvents binary mode, as Workchain's own notifications carry them.
        ce_specversion: '1.0',
        ce_id: `${hash}/${order}/${index}@${Date.now()}`,
        ce_source: '/node-service',
        ce_type: 'io.workchain.message.notification',
        ce_subject: hash,
        ce_time: new Date().toISOString()
      }
    }]
  })
  return { partition: written.partition }
}

/** The completion message of chain `hash`, read from the beginning; rejects after timeoutMs. */
async function awaitCompletion (kafka, hash, { timeoutMs = 60000, topic = COMPLETION_TOPIC } = {}) {
  // Completions are written in the notifier's transactions: kafkajs reads only committed ones by default.
  const consumer = kafka.consumer({ groupId: 'workchain-node-' + crypto.randomUUID() })
  await consumer.connect()
  try {
    await consumer.subscribe({ topic, fromBeginning: true })
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no completion of ${hash} within ${timeoutMs} ms`)), timeoutMs)
      consumer.run({
        eachMessage: async ({ message }) => {
          if (message.key !== null && message.key.toString() === hash) {
            clearTimeout(timer)
            resolve(JSON.parse(message.value.toString()).completion_message)
          }
        }
      }).catch(reject)
    })
  } finally {
    await consumer.disconnect()
  }
}

module.exports = { chainHash, canonical, workMessage, submit, notify, awaitCompletion, WORK_TOPIC, NOTIFICATION_TOPIC, COMPLETION_TOPIC }
