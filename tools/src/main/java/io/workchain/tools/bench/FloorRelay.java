package io.workchain.tools.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The floors the benchmark measures Workchain against: the same Kafka hops and the same HTTP call
 * per step, with no Workchain logic (no validation, no state, no retries). Two relays per floor,
 * each its own JVM:
 * <ul>
 *   <li>{@code call}: reads {@code floor.loop}, POSTs the value to the HTTP target, writes the
 *       answer to {@code floor.mid} (the ESB's hop from the steps topic to the notification topic);</li>
 *   <li>{@code forward}: reads {@code floor.in} and writes it to {@code floor.loop} (the notifier's
 *       admission of a chain, which forwards its first step); reads {@code floor.mid} and, after the
 *       last step, writes {@code floor.out} (the completion), else {@code floor.loop} (the next
 *       step), the step count in a header.</li>
 * </ul>
 * So a 1-step message crosses in, loop, mid, out (4 hops, 1 call), a 5-step one 12 hops and 5
 * calls: as many as a Workchain chain of that many steps. Plain producers, auto-committing consumers.
 *
 * <p>The <b>exactly-once floor</b> ({@code floor-eos.*} topics) is the same with the forwarding hop
 * transactional, as the notifier's is (Kafka Streams, exactly-once v2): {@code forward-eos} reads
 * {@code read_committed} and, per poll, begins a transaction, writes its outputs, adds the consumed
 * offsets to it with the consumer's group metadata ({@code sendOffsetsToTransaction}) and commits
 * (a consume-transform-produce loop); {@code call-eos} is {@code call} on those topics, reading
 * {@code read_committed} like the ESB. What the transactions cost the floor is what exactly-once
 * costs without any of Workchain's logic.
 */
public final class FloorRelay implements AutoCloseable {

    /** One floor's four topics. */
    record FloorTopics(String in, String loop, String mid, String out) {
        static FloorTopics of(String prefix) {
            return new FloorTopics(prefix + ".in", prefix + ".loop", prefix + ".mid", prefix + ".out");
        }

        List<String> all() {
            return List.of(in, mid, loop, out);
        }
    }

    static final FloorTopics PLAIN = FloorTopics.of("floor");
    static final FloorTopics EOS = FloorTopics.of("floor-eos");
    static final String IN = PLAIN.in();
    static final String MID = PLAIN.mid();
    static final String LOOP = PLAIN.loop();
    static final String OUT = PLAIN.out();
    static final String STEP = "floor-step";
    static final String STEPS = "floor-steps";

    /** The relays' roles: the two hops of each floor. */
    enum Role {
        CALL("call", PLAIN, false), FORWARD("forward", PLAIN, false), CALL_EOS("call-eos", EOS,
                false), FORWARD_EOS("forward-eos", EOS, true);

        final String id;
        final FloorTopics topics;
        final boolean transactional;

        Role(String id, FloorTopics topics, boolean transactional) {
            this.id = id;
            this.topics = topics;
            this.transactional = transactional;
        }

        boolean calls() {
            return this == CALL || this == CALL_EOS;
        }

        boolean readsCommitted() {
            return topics == EOS;
        }

        static Role of(String id) {
            for (Role role : values()) {
                if (role.id.equals(id)) {
                    return role;
                }
            }
            throw new IllegalArgumentException("no relay role " + id + " (call, forward, call-eos, forward-eos)");
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private final Role role;
    private final FloorTopics topics;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final HttpClient http;
    private final URI target;
    private final Semaphore inFlight = new Semaphore(64);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean assigned;

    /** A relay of {@code role}; {@code instance} tells instances apart (the transactional id of forward-eos). */
    FloorRelay(Role role, String bootstrap, String target, int instance) {
        this.role = role;
        this.topics = role.topics;
        Map<String, Object> producerConfig = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 1));
        if (role.transactional) {
            producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "floor-" + role + "-" + instance);
            producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            // A transaction's TxnOffsetCommit that finds the previous transaction's markers still
            // being written is retried by the client after retry.backoff.ms: 100 ms by default,
            // which, with a transaction per poll back to back, put 300 ms on a 1-step chain's p50 at
            // 100/s (measured: sendOffsetsToTransaction 30-60 ms on average). 1 ms, like the
            // broker's add-partitions backoff: the floor is a tuned loop (6 ms a transaction).
            producerConfig.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 1);
        }
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        if (role.transactional) {
            producer.initTransactions();
        }
        Map<String, Object> consumerConfig = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "floor-" + role, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, !role.transactional));
        if (role.readsCommitted()) {
            consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(role.calls() ? List.of(topics.loop()) : List.of(topics.in(), topics.mid()),
                new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        assigned = true;
                        System.out
                                .println("floor relay '" + role + "' assigned " + partitions.size() + " partition(s)");
                    }
                });
        http = role.calls() ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build() : null;
        this.target = role.calls() ? URI.create(target) : null;
    }

    /** {@code FloorRelay ROLE BOOTSTRAP [HTTP-TARGET [INSTANCE]]}: runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        Role role = Role.of(args[0]);
        try (FloorRelay relay = new FloorRelay(role, args[1], args.length > 2 ? args[2] : "",
                args.length > 3 ? Integer.parseInt(args[3]) : 1)) {
            System.out.println("floor relay '" + role + "' ready");
            relay.run();
        }
    }

    /** Whether the consumer has had its partitions assigned at least once. */
    boolean assigned() {
        return assigned;
    }

    /** Relays until {@link #stop} (from any thread), then closes its clients. */
    void run() throws InterruptedException {
        try {
            relay();
        } finally {
            consumer.close(Duration.ofSeconds(5));
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void relay() throws InterruptedException {
        while (running.get()) {
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
            if (records.isEmpty()) {
                continue;
            }
            if (role.calls()) {
                for (ConsumerRecord<String, byte[]> record : records) {
                    call(record);
                }
            } else if (role.transactional) {
                forwardInTransaction(records);
            } else {
                for (ConsumerRecord<String, byte[]> record : records) {
                    producer.send(forward(record));
                }
            }
        }
    }

    void stop() {
        running.set(false);
    }

    private void call(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        inFlight.acquire();
        http.sendAsync(HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(record.value())).build(),
                HttpResponse.BodyHandlers.ofByteArray())
                .whenComplete((response, error) -> {
                    inFlight.release();
                    ProducerRecord<String, byte[]> next = new ProducerRecord<>(topics.mid(), record.key(),
                            response == null ? new byte[0] : response.body());
                    copy(record, next, STEP, STEPS);
                    producer.send(next);
                });
    }

    /** A chain's admission (in to loop), its next step (mid to loop) or its completion (mid to out, after the last step). */
    private ProducerRecord<String, byte[]> forward(ConsumerRecord<String, byte[]> record) {
        if (record.topic().equals(topics.in())) {
            ProducerRecord<String, byte[]> first = new ProducerRecord<>(topics.loop(), record.key(), record.value());
            copy(record, first, STEP, STEPS);
            return first;
        }
        int step = number(record, STEP) + 1;
        int steps = number(record, STEPS);
        ProducerRecord<String, byte[]> next = new ProducerRecord<>(step >= steps ? topics.out() : topics.loop(),
                record.key(), record.value());
        next.headers().add(STEP, ByteBuffer.allocate(4).putInt(step).array());
        next.headers().add(STEPS, ByteBuffer.allocate(4).putInt(steps).array());
        return next;
    }

    /**
     * One poll's records as one transaction: their outputs and the consumed offsets commit together
     * (visible to read_committed readers only then), or not at all: an aborted transaction is read
     * again from the first offset of the batch.
     */
    private void forwardInTransaction(ConsumerRecords<String, byte[]> records) {
        producer.beginTransaction();
        try {
            for (ConsumerRecord<String, byte[]> record : records) {
                producer.send(forward(record));
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition partition : records.partitions()) {
                List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
                offsets.put(partition, new OffsetAndMetadata(batch.get(batch.size() - 1).offset() + 1));
            }
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException
                | UnsupportedVersionException e) {
            throw e; // fatal for this producer: the relay ends
        } catch (KafkaException e) {
            System.out.println("floor relay '" + role + "': transaction aborted (" + e + "), reading the batch again");
            producer.abortTransaction();
            for (TopicPartition partition : records.partitions()) {
                if (consumer.assignment().contains(partition)) {
                    consumer.seek(partition, records.records(partition).get(0).offset());
                }
            }
        }
    }

    /** Stops {@link #run}, which closes the clients on its own thread (they are not thread-safe). */
    @Override
    public void close() {
        stop();
    }

    private static void copy(ConsumerRecord<String, byte[]> from, ProducerRecord<String, byte[]> to, String... names) {
        for (String name : names) {
            Header header = from.headers().lastHeader(name);
            if (header != null) {
                to.headers().add(name, header.value());
            }
        }
    }

    private static int number(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? (name.equals(STEPS) ? 1 : 0) : ByteBuffer.wrap(header.value()).getInt();
    }
}
