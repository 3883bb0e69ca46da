package io.workchain.tools.bench;

import io.workchain.common.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Where a one-step chain's time goes, hop by hop. The workchain topics are switched to
 * {@code LogAppendTime}, so every record carries the broker's time of append; readers of the work,
 * steps, notification and completion topics ({@code read_uncommitted}) note those times per chain, and a
 * {@code read_committed} reader of the steps and completion topics notes when the ESB and a client
 * could see them (a record is appended at once, but visible only once its transaction commits). Chains
 * are sent at a fixed rate; the result is p50 and p90 per hop, in milliseconds.
 */
final class HopBreakdown {

    private final String bootstrap;

    HopBreakdown(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Runs {@code count} one-step chains at {@code rate}/s; returns hop to "p50/p90" in ms, in order. */
    Map<String, String> measure(int count, double rate) throws Exception {
        appendTimeOn(List.of(Topics.WORK, Topics.STEPS, Topics.NOTIFICATION, Topics.COMPLETION));
        // Written and read by this thread only; in the order sent (the first chain is the first key).
        Map<String, Long> sent = new LinkedHashMap<>();
        Map<String, Long> workAppended = new ConcurrentHashMap<>();
        Map<String, Long> stepAppended = new ConcurrentHashMap<>();
        Map<String, Long> stepSeen = new ConcurrentHashMap<>();
        Map<String, Long> notificationAppended = new ConcurrentHashMap<>();
        Map<String, Long> completionAppended = new ConcurrentHashMap<>();
        Map<String, Long> completionSeen = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> readers = List.of(
                reader("read_uncommitted", List.of(Topics.WORK, Topics.STEPS, Topics.NOTIFICATION), running,
                        (record, now) -> appendedOn(record.topic(), workAppended, stepAppended, notificationAppended)
                                .putIfAbsent(record.key(), record.timestamp())),
                reader("read_committed", List.of(Topics.STEPS, Topics.COMPLETION), running, (record, now) -> {
                    if (record.topic().equals(Topics.STEPS)) {
                        stepSeen.putIfAbsent(record.key(), now);
                        return;
                    }
                    completionAppended.putIfAbsent(record.key(), record.timestamp());
                    completionSeen.putIfAbsent(record.key(), now);
                }));
        TimeUnit.SECONDS.sleep(3); // the readers have their positions before anything is sent
        LoadTarget workchain = LoadTarget.workchain();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap, ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                ProducerRecord<String, byte[]> record = workchain.record("hops " + UUID.randomUUID(), 1);
                sent.put(record.key(), System.currentTimeMillis());
                producer.send(record);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (completionSeen.size() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        running.set(false);
        for (Thread reader : readers) {
            reader.join(5_000);
        }
        Map<String, List<Long>> hops = new LinkedHashMap<>();
        Map<String, Long> firstChain = new LinkedHashMap<>();
        String firstSent = sent.keySet().stream().findFirst().orElse(null);
        for (String hash : sent.keySet()) {
            Long work = workAppended.get(hash);
            Long step = stepAppended.get(hash);
            Long stepVisible = stepSeen.get(hash);
            Long notification = notificationAppended.get(hash);
            Long completion = completionAppended.get(hash);
            Long seen = completionSeen.get(hash);
            if (work == null || step == null || stepVisible == null || notification == null || completion == null
                    || seen == null) {
                continue;
            }
            add(hops, "client send -> work appended", work - sent.get(hash));
            add(hops, "work appended -> first step appended (notifier's admission)", step - work);
            // The reader's clock against the broker's: the same machine. Not below 0 when it polls late.
            add(hops, "first step appended -> seen read_committed (the admission's transaction commit)",
                    Math.max(0, stepVisible - step));
            add(hops, "first step seen -> notification appended (ESB, gateway, service)",
                    notification - Math.max(step, stepVisible));
            add(hops, "notification appended -> completion appended (notifier)", completion - notification);
            add(hops, "completion appended -> seen read_committed (transaction commit)", seen - completion);
            add(hops, "total", seen - sent.get(hash));
            if (hash.equals(firstSent)) {
                hops.forEach((hop, values) -> firstChain.put(hop, values.get(0)));
            }
        }
        Map<String, String> result = new LinkedHashMap<>();
        hops.forEach((hop, values) -> {
            values.sort(null);
            result.put(hop, values.get(values.size() / 2) + "/" + values.get(values.size() * 9 / 10));
        });
        result.put("chains", hops.isEmpty() ? "0" : Integer.toString(hops.get("total").size()));
        // The first chain on its own: after a restart it is the one that meets every first time.
        result.put("the first chain, hop by hop",
                firstChain.isEmpty()
                        ? "not completed"
                        : firstChain.values().stream().map(String::valueOf)
                                .collect(Collectors.joining(" + ")));
        return result;
    }

    private static Map<String, Long> appendedOn(String topic, Map<String, Long> work, Map<String, Long> steps,
            Map<String, Long> notifications) {
        return topic.equals(Topics.WORK) ? work : topic.equals(Topics.STEPS) ? steps : notifications;
    }

    private static void add(Map<String, List<Long>> hops, String hop, long millis) {
        hops.computeIfAbsent(hop, h -> new ArrayList<>()).add(millis);
    }

    private void appendTimeOn(Collection<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
            for (String topic : topics) {
                changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(new AlterConfigOp(
                        new ConfigEntry("message.timestamp.type", "LogAppendTime"), AlterConfigOp.OpType.SET)));
            }
            admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
        }
        TimeUnit.SECONDS.sleep(1);
    }

    /** A reader of every partition of the topics, from their end, with no consumer group. */
    private Thread reader(String isolation, List<String> topics, AtomicBoolean running,
            BiConsumer<ConsumerRecord<String, byte[]>, Long> onRecord) {
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    isolation,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : topics) {
                    consumer.partitionsFor(topic)
                            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        onRecord.accept(record, System.currentTimeMillis());
                    }
                }
            }
        }, "hops-" + isolation);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
