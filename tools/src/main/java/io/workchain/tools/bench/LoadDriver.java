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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives a {@link LoadTarget} as an outside client would: a plain Kafka producer, and a
 * {@code read_committed} reader of the answer topic (every partition, from its end). Open loop:
 * messages at a fixed rate, each one's latency measured from the time it was scheduled to be sent
 * (so a stalled sender counts against the system: no coordinated omission). Closed loop: a fixed
 * number in flight, for the most the system sustains. Overload: open loop above the maximum, then
 * a slow probe until latency is back to normal.
 *
 * <p>Every message is keyed by its own id, and the reader counts answers per key: a message sent
 * and never answered is lost, one answered twice is duplicated ({@link Result#lost()},
 * {@link Result#duplicates()}); where asked, it also reads each answer for a failure.
 */
final class LoadDriver implements AutoCloseable {

    /** One answer: which group of messages it belongs to, when its message was scheduled, when it came, whether it failed. */
    record Completion(int tag, long scheduledNanos, long doneNanos, boolean failed) {
        double latencyMillis() {
            return (doneNanos - scheduledNanos) / 1e6;
        }
    }

    /** What one phase measured; {@code completions} only where they were asked for. */
    record Result(int sent, int completed, int duplicates, int failed, double seconds, Histogram latencyMicros,
            List<Completion> completions) {
        double throughput() {
            return completed / seconds;
        }

        int lost() {
            return sent - completed;
        }
    }

    /**
     * What an overload phase measured: the overload's messages (tag 0), sent from {@code startNanos}
     * to {@code endNanos}, then the probe's, tagged 1, 2... by the window after the end they were
     * scheduled in ({@code probeSent} per window).
     */
    record OverloadRun(Result result, int overloadSent, long startNanos, long endNanos, List<Integer> probeSent) {}

    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;

    LoadDriver(String bootstrap) {
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    Result openLoop(LoadTarget target, int steps, double rate, Duration duration) {
        return openLoop(target, steps, rate, (int) Math.max(1, Math.round(rate * duration.toSeconds())), false);
    }

    /** {@code count} messages at {@code rate}; {@code detailed}: every answer kept and read for a failure. */
    Result openLoop(LoadTarget target, int steps, double rate, int count, boolean detailed) {
        long intervalNanos = (long) (1e9 / rate);
        try (Reader reader = new Reader(target, detailed)) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long scheduled = start + i * intervalNanos;
                sleepUntil(scheduled);
                send(reader, target, steps, scheduled, 0);
            }
            reader.awaitAll(Duration.ofSeconds((long) (count / rate)).plusSeconds(60));
            return reader.result(count, (System.nanoTime() - start) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Result closedLoop(LoadTarget target, int steps, int count, int concurrency) {
        Semaphore inFlight = new Semaphore(concurrency);
        try (Reader reader = new Reader(target, false)) {
            reader.onCompletion = inFlight::release;
            long start = System.nanoTime();
            int sent = 0;
            for (; sent < count; sent++) {
                if (!inFlight.tryAcquire(120, TimeUnit.SECONDS)) {
                    break;
                }
                send(reader, target, steps, System.nanoTime(), 0);
            }
            reader.awaitAll(Duration.ofSeconds(120));
            return reader.result(sent, (System.nanoTime() - start) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One-step messages at {@code rate} for {@code duration} (above what the target sustains), then,
     * from the end of it, a probe at {@code probeRate} in windows of {@code window}: it stops after
     * the first window, complete, whose p50 is at most {@code recoveredP50Millis}, or after
     * {@code maxProbe}. Every message is then awaited (and a little longer, for duplicates).
     */
    OverloadRun overload(LoadTarget target, double rate, Duration duration, double probeRate, Duration window,
            Duration maxProbe, double recoveredP50Millis) {
        int count = (int) Math.max(1, Math.round(rate * duration.toSeconds()));
        long intervalNanos = (long) (1e9 / rate);
        try (Reader reader = new Reader(target, true)) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long scheduled = start + i * intervalNanos;
                sleepUntil(scheduled);
                send(reader, target, 1, scheduled, 0);
            }
            long end = Math.max(System.nanoTime(), start + duration.toNanos());
            long probeInterval = (long) (1e9 / probeRate);
            int perWindow = (int) Math.round(probeRate * window.toSeconds());
            int windows = (int) (maxProbe.toSeconds() / window.toSeconds());
            List<Integer> probeSent = new ArrayList<>();
            int evaluated = 0;
            boolean recovered = false;
            for (int i = 0; i < windows * perWindow && !recovered; i++) {
                int tag = 1 + i / perWindow;
                long scheduled = end + i * probeInterval;
                sleepUntil(scheduled);
                if (probeSent.size() < tag) {
                    probeSent.add(0);
                }
                send(reader, target, 1, scheduled, tag);
                probeSent.set(tag - 1, probeSent.get(tag - 1) + 1);
                // The earliest window not yet judged, once all its answers are in: back to normal?
                while (evaluated < tag - 1 && reader.answered(evaluated + 1) >= perWindow) {
                    evaluated++;
                    recovered = Overload.p50(reader.latencies(evaluated)) <= recoveredP50Millis;
                    if (recovered) {
                        break;
                    }
                }
            }
            reader.awaitAll(Duration.ofSeconds(duration.toSeconds() * 4 + maxProbe.toSeconds() + 60));
            reader.settle(Duration.ofSeconds(2));
            int sent = count + probeSent.stream().mapToInt(Integer::intValue).sum();
            return new OverloadRun(reader.result(sent, (System.nanoTime() - start) / 1e9), count, start, end,
                    probeSent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void send(Reader reader, LoadTarget target, int steps, long scheduled, int tag) {
        ProducerRecord<String, byte[]> record = target.record(UUID.randomUUID().toString(), steps);
        reader.expect(record.key(), scheduled, tag);
        producer.send(record);
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Reads the answer topic in the background and records each awaited answer's latency. */
    private final class Reader implements AutoCloseable {
        private record Expected(long scheduledNanos, int tag) {}

        private final Map<String, Expected> pending = new ConcurrentHashMap<>();
        private final Set<String> answered = ConcurrentHashMap.newKeySet();
        private final Map<Integer, Queue<Completion>> byTag = new ConcurrentHashMap<>();
        private final Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        private final AtomicInteger completed = new AtomicInteger();
        private final AtomicInteger duplicates = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final boolean detailed;
        private final Thread thread;
        private volatile Runnable onCompletion = () -> {};
        private volatile long lastAnswer = System.nanoTime();

        Reader(LoadTarget target, boolean detailed) throws InterruptedException {
            this.detailed = detailed;
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                    Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
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
                            answer(target, record);
                        }
                    }
                }
            }, "bench-reader");
            thread.start();
        }

        private void answer(LoadTarget target, ConsumerRecord<String, byte[]> record) {
            if (record.key() == null) {
                return;
            }
            Expected expected = pending.remove(record.key());
            if (expected == null) {
                if (answered.contains(record.key())) {
                    duplicates.incrementAndGet();
                }
                return;
            }
            long now = System.nanoTime();
            answered.add(record.key());
            histogram.recordValue(Math.max(0, (now - expected.scheduledNanos()) / 1000));
            if (detailed) {
                boolean failure = target.failed(record);
                if (failure) {
                    failed.incrementAndGet();
                }
                byTag.computeIfAbsent(expected.tag(), tag -> new ConcurrentLinkedQueue<>())
                        .add(new Completion(expected.tag(), expected.scheduledNanos(), now, failure));
            }
            completed.incrementAndGet();
            lastAnswer = now;
            onCompletion.run();
        }

        void expect(String key, long scheduledNanos, int tag) {
            pending.put(key, new Expected(scheduledNanos, tag));
        }

        /** How many answers of {@code tag} came so far (detailed readers only). */
        int answered(int tag) {
            Queue<Completion> answers = byTag.get(tag);
            return answers == null ? 0 : answers.size();
        }

        List<Double> latencies(int tag) {
            Queue<Completion> answers = byTag.get(tag);
            return answers == null ? List.of() : answers.stream().map(Completion::latencyMillis).toList();
        }

        /** Until every awaited answer came, or none came for a while (then the rest count as missing). */
        void awaitAll(Duration atMost) throws InterruptedException {
            long deadline = System.nanoTime() + atMost.toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline
                    && System.nanoTime() - lastAnswer < TimeUnit.SECONDS.toNanos(30)) {
                Thread.sleep(20);
            }
        }

        /** Reads on a while longer, so that a late second answer counts as a duplicate. */
        void settle(Duration time) throws InterruptedException {
            Thread.sleep(time.toMillis());
        }

        /** Stops reading, then tells what was read. */
        Result result(int sent, double seconds) {
            close();
            List<Completion> completions = new ArrayList<>();
            byTag.values().forEach(completions::addAll);
            return new Result(sent, completed.get(), duplicates.get(), failed.get(), seconds, histogram.copy(),
                    completions);
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
