package io.workchain.tools.bench;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives a {@link LoadTarget} as an outside client would: a plain Kafka producer, and a
 * {@code read_committed} reader of the answer topic (every partition, from its end). Open loop:
 * messages at a fixed rate, each one's latency measured from the time it was scheduled to be sent
 * (so a stalled sender counts against the system: no coordinated omission). Closed loop: a fixed
 * number in flight, for the most the system sustains.
 */
final class LoadDriver implements AutoCloseable {

    /** What one phase measured. */
    record Result(int sent, int completed, double seconds, Histogram latencyMicros) {
        double throughput() {
            return completed / seconds;
        }
    }

    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;

    LoadDriver(String bootstrap) {
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    Result openLoop(LoadTarget target, int steps, double rate, Duration duration) {
        int count = (int) Math.max(1, Math.round(rate * duration.toSeconds()));
        long intervalNanos = (long) (1e9 / rate);
        try (Reader reader = new Reader(target)) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long scheduled = start + i * intervalNanos;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                ProducerRecord<String, byte[]> record = target.record(UUID.randomUUID().toString(), steps);
                reader.expect(record.key(), scheduled);
                producer.send(record);
            }
            reader.awaitAll(duration.plusSeconds(60));
            return reader.result(count, (System.nanoTime() - start) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Result closedLoop(LoadTarget target, int steps, int count, int concurrency) {
        Semaphore inFlight = new Semaphore(concurrency);
        try (Reader reader = new Reader(target)) {
            reader.onCompletion = inFlight::release;
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (!inFlight.tryAcquire(120, TimeUnit.SECONDS)) {
                    break;
                }
                ProducerRecord<String, byte[]> record = target.record(UUID.randomUUID().toString(), steps);
                reader.expect(record.key(), System.nanoTime());
                producer.send(record);
            }
            reader.awaitAll(Duration.ofSeconds(120));
            return reader.result(count, (System.nanoTime() - start) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads the answer topic in the background and records each awaited answer's latency. */
    private final class Reader implements AutoCloseable {
        private final Map<String, Long> pending = new ConcurrentHashMap<>();
        private final Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        private final AtomicInteger completed = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private volatile Runnable onCompletion = () -> { };
        private volatile long lastAnswer = System.nanoTime();

        Reader(LoadTarget target) throws InterruptedException {
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(target.outTopic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end now, before anything is sent
            thread = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                            Long scheduled = record.key() == null ? null : pending.remove(record.key());
                            if (scheduled != null) {
                                histogram.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1000));
                                completed.incrementAndGet();
                                lastAnswer = System.nanoTime();
                                onCompletion.run();
                            }
                        }
                    }
                }
            }, "bench-reader");
            thread.start();
        }

        void expect(String key, long scheduledNanos) {
            pending.put(key, scheduledNanos);
        }

        /** Until every awaited answer came, or none came for a while (then the rest count as missing). */
        void awaitAll(Duration atMost) throws InterruptedException {
            long deadline = System.nanoTime() + atMost.toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline
                    && System.nanoTime() - lastAnswer < TimeUnit.SECONDS.toNanos(30)) {
                Thread.sleep(20);
            }
        }

        /** Stops reading, then tells what was read. */
        Result result(int sent, double seconds) {
            close();
            return new Result(sent, completed.get(), seconds, histogram.copy());
        }

        @Override
        public void close() {
            if (!running.getAndSet(false)) {
                return;
            }
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
