// A chain from Node.js, end to end: an asynchronous service, a chain that calls it, its completion.
//
//   node example-chain.js --bootstrap 127.0.0.1:9092 --port 8096 --items chain.json
//
// The service answers 202 at once and publishes its answer to the notification topic half a second
// later, keyed by the chain's hash. The gateway reaches it through a route
// (workchain.gateway.routes.node-service=http://127.0.0.1:8096). The last line printed is a JSON
// report: the hash, the partitions the records went to, the completion.
'use strict'

const fs = require('node:fs')
const http = require('node:http')
const zlib = require('node:zlib')
const { parseArgs } = require('node:util')
const { Kafka, logLevel } = require('kafkajs')
const workchain = require('./workchain')

const MAX_BODY = 1 << 20

// kafkajs 2 places keys as Java does (murmur2). The service's answers go through librdkafka's rule
// instead (CRC32 of the key, what kcat, confluent-kafka and the Confluent JavaScript client pick), to
// show that Workchain takes a record wherever its producer put it.
const crc32Partitioner = () => ({ partitionMetadata, message }) =>
  zlib.crc32(message.key.toString()) % partitionMetadata.length

function asyncService (port, producer, answered) {
  const server = http.createServer((request, response) => {
    let body = ''
    request.on('data', chunk => {
      body += chunk
      if (body.length > MAX_BODY) request.destroy()
    })
    request.on('end', () => {
      const text = JSON.parse(body || '{}').text || ''
      const hash = request.headers['x-workchain-hash']
      const order = Number(request.headers['x-workchain-order'])
      const index = Number(request.headers['x-workchain-index'])
      response.writeHead(202, { 'Content-Type': 'application/json' }).end('{"accepted":true}')
      setTimeout(() => {
        const data = JSON.stringify({ text: text.split('').reverse().join('') })
        workchain.notify(producer, hash, order, index, data, { metadata: '{"async":true,"language":"node"}' })
          .then(written => answered.push(written.partition), error => answered.push(String(error)))
      }, 500)
    })
  })
  return new Promise(resolve => server.listen(port, '127.0.0.1', () => resolve(server)))
}

async function main () {
  const { values: args } = parseArgs({
    options: { bootstrap: { type: 'string', default: '127.0.0.1:9092' }, port: { type: 'string' }, items: { type: 'string' }, timeout: { type: 'string', default: '90000' } }
  })
  const items = JSON.parse(fs.readFileSync(args.items, 'utf8'))
  const answered = []
  const serviceKafka = new Kafka({ clientId: 'node-service', brokers: [args.bootstrap], logLevel: logLevel.WARN })
  const serviceProducer = serviceKafka.producer({ createPartitioner: crc32Partitioner })
  await serviceProducer.connect()
  const server = await asyncService(Number(args.port), serviceProducer, answered)

  // README: node
  const kafka = new Kafka({ clientId: 'my-app', brokers: [args.bootstrap] })
  const producer = kafka.producer()                      // kafkajs's own partitioner
  await producer.connect()
  const { hash, partition } = await workchain.submit(producer, items)
  const completion = await workchain.awaitCompletion(kafka, hash, { timeoutMs: Number(args.timeout) })
  console.log(completion.status, completion.items.at(-1).response.data)
  // README: end

  await producer.disconnect()
  await serviceProducer.disconnect()
  server.close()
  console.log(JSON.stringify({ hash, work_partition: partition, notification_partitions: answered, completion }))
}

main().catch(error => {
  console.error(error)
  process.exit(1)
})
