package io.workchain.esb;

import io.quarkus.test.junit.QuarkusTest;
import io.workchain.common.RecordHeaders;
import io.workchain.common.Topics;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.message.Request;
import io.workchain.common.message.WorkMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records the ESB cannot accept land in the dead-letter topic with their reason, original bytes
 * untouched, and consumption goes on. (The full dispatch path, with the real gateway and demo
 * service, is tested in the e2e module.)
 */
@QuarkusTest
class DeadLetterTest {

    @Test
    void unreadableAndTamperedRecordsAreDeadLetteredWithTheirReason() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        byte[] garbage = "this is not a work message".getBytes(StandardCharsets.UTF_8);
        WorkMessage work = WorkMessage.builder().item(0, Request.http("demo", "/x", "POST", "{}")).build();
        String wrongHash = "0123456789abcdef0123456789abcdef";
        byte[] tampered = MessageCodec.toJson(work.withHash(wrongHash));
        byte[] missingMethod = "{\"work_message\":{\"items\":[{\"order\":0,\"request\":{\"url\":\"demo\",\"endpoint\":\"/x\",\"type\":\"HTTP\"}}]}}"
                .getBytes(StandardCharsets.UTF_8);

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.WORK, "k1", garbage)).get();
            producer.send(new ProducerRecord<>(Topics.WORK, wrongHash, tampered)).get();
            producer.send(new ProducerRecord<>(Topics.WORK, "k3", missingMethod)).get();
        }

        List<ConsumerRecord<String, byte[]>> dead = read(bootstrap, Topics.DEAD_LETTER, 3);
        assertEquals("k1", dead.get(0).key());
        assertArrayEquals(garbage, dead.get(0).value());
        assertEquals("is neither JSON nor protobuf: starts with bytes 74 68 69 73 20 69 73 20", header(dead.get(0), RecordHeaders.DLQ_REASON));
        assertEquals("workchain-esb", header(dead.get(0), RecordHeaders.DLQ_SERVICE));
        assertTrue(header(dead.get(0), RecordHeaders.DLQ_ORIGIN).matches("workchain\\.work-0@\\d+"),
                header(dead.get(0), RecordHeaders.DLQ_ORIGIN));

        assertEquals(wrongHash, dead.get(1).key());
        assertArrayEquals(tampered, dead.get(1).value());
        assertEquals("hash does not match the items: given " + wrongHash + ", computed " + work.hash(),
                header(dead.get(1), RecordHeaders.DLQ_REASON));
        assertEquals("hash", header(dead.get(1), RecordHeaders.DLQ_FIELD));

        assertEquals("items[0].request.method is missing", header(dead.get(2), RecordHeaders.DLQ_REASON));
        assertEquals("items[0].request.method", header(dead.get(2), RecordHeaders.DLQ_FIELD));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, byte[]>> read(String bootstrap, String topic, int count) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            assertEquals(count, records.size(), "dead-letter records");
            return records;
        }
    }
}
