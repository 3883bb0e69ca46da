package io.workchain.esb;

import io.quarkus.test.junit.QuarkusTest;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.Topics;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.RefusedWork;
import io.workchain.common.message.Request;
import io.workchain.common.message.WorkMessage;
import io.workchain.testing.KafkaTestClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

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

        try (KafkaProducer<String, byte[]> producer = KafkaTestClients.producer(bootstrap)) {
            producer.send(new ProducerRecord<>(Topics.WORK, "k1", garbage)).get();
            producer.send(new ProducerRecord<>(Topics.WORK, wrongHash, tampered)).get();
            // Its hash can be known (that of its items as written): refused in place, keyed by it. Keyed
            // otherwise, it would be the notifier's to put in place first (NotifierTopologyTest, e2e).
            String identified = RefusedWork.identify(missingMethod, null).orElseThrow().hash();
            producer.send(new ProducerRecord<>(Topics.WORK, identified, missingMethod)).get();
        }

        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClients.read(bootstrap, Topics.DEAD_LETTER, 3, Duration.ofSeconds(30));
        assertEquals("k1", dead.get(0).key());
        assertArrayEquals(garbage, dead.get(0).value());
        assertEquals("is neither JSON nor protobuf: starts with bytes 74 68 69 73 20 69 73 20", header(dead.get(0), WorkchainHeaders.DLQ_REASON));
        assertEquals("workchain-esb", header(dead.get(0), WorkchainHeaders.DLQ_SERVICE));
        assertTrue(header(dead.get(0), WorkchainHeaders.DLQ_ORIGIN).matches("workchain\\.work-0@\\d+"),
                header(dead.get(0), WorkchainHeaders.DLQ_ORIGIN));

        assertEquals(wrongHash, dead.get(1).key());
        assertArrayEquals(tampered, dead.get(1).value());
        assertEquals("hash does not match the items: given " + wrongHash + ", computed " + work.hash(),
                header(dead.get(1), WorkchainHeaders.DLQ_REASON));
        assertEquals("hash", header(dead.get(1), WorkchainHeaders.DLQ_FIELD));

        assertEquals("items[0].request.method is missing", header(dead.get(2), WorkchainHeaders.DLQ_REASON));
        assertEquals("items[0].request.method", header(dead.get(2), WorkchainHeaders.DLQ_FIELD));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
