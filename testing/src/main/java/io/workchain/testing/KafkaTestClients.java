package io.workchain.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Plain Kafka clients for tests: string keys, raw byte values, as any client of Workchain writes them. */
public final class KafkaTestClients {

    private KafkaTestClients() {}

    public static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all"));
    }

    /** A consumer of its own new group, reading committed records from the beginning. */
    public static KafkaConsumer<String, byte[]> consumer(String bootstrapServers, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** The first record of the topic that is wanted, or an AssertionError naming the keys seen. */
    public static ConsumerRecord<String, byte[]> readFirst(KafkaConsumer<String, byte[]> consumer,
            Predicate<ConsumerRecord<String, byte[]>> wanted, Duration timeout) {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (wanted.test(record)) {
                    return record;
                }
                seen.add(record.key());
            }
        }
        throw new AssertionError("no wanted record within " + timeout.toSeconds() + " s; saw keys " + seen);
    }

    public static ConsumerRecord<String, byte[]> readFirst(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, byte[]>> wanted, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers, topic)) {
            return readFirst(consumer, wanted, timeout);
        }
    }

    /** The first {@code count} records of the topic, or an AssertionError when fewer come in time. */
    public static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String topic, int count,
            Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers, topic)) {
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            if (records.size() < count) {
                throw new AssertionError("only " + records.size() + " of " + count + " records on " + topic);
            }
            return records;
        }
    }
}
