package io.workchain.esb;

import io.quarkus.test.junit.QuarkusTest;
import io.workchain.common.Topics;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.codec.MessageCodec;
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
 * Step records the ESB cannot accept land in the dead-letter topic with their reason, original bytes
 * untouched, and consumption goes on. (The full dispatch path, with the real gateway and demo
 * service, is tested in the e2e module.)
 */
@QuarkusTest
class DeadLetterTest {

    @Test
    void unreadableAndForeignStepRecordsAreDeadLetteredWithTheirReason() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        byte[] garbage = "this is not a work message".getBytes(StandardCharsets.UTF_8);
        WorkMessage work = WorkMessage.builder().item(0, Request.http("demo", "/x", "POST", "{}")).build();
        byte[] unstamped = MessageCodec.toJson(work);
        byte[] missingMethod = "{\"work_message\":{\"items\":[{\"order\":0,\"request\":{\"url\":\"demo\",\"endpoint\":\"/x\",\"type\":\"HTTP\"}}]}}"
                .getBytes(StandardCharsets.UTF_8);

        try (KafkaProducer<String, byte[]> producer = KafkaTestClients.producer(bootstrap)) {
            producer.send(new ProducerRecord<>(Topics.STEPS, "k1", garbage)).get();
            // A step the notifier did not write (no deadline stamped): never run, its chain never timed.
            producer.send(new ProducerRecord<>(Topics.STEPS, work.hash(), unstamped)).get();
            ProducerRecord<String, byte[]> invalid = new ProducerRecord<>(Topics.STEPS, "k3", missingMethod);
            invalid.headers().add(WorkchainHeaders.DEADLINE, Long.toString(System.currentTimeMillis() + 60_000)
                    .getBytes(StandardCharsets.UTF_8));
            producer.send(invalid).get();
        }

        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClients.read(bootstrap, Topics.DEAD_LETTER, 3,
                Duration.ofSeconds(30));
        assertEquals("k1", dead.get(0).key());
        assertArrayEquals(garbage, dead.get(0).value());
        assertEquals("is neither JSON nor protobuf: starts with bytes 74 68 69 73 20 69 73 20",
                header(dead.get(0), WorkchainHeaders.DLQ_REASON));
        assertEquals("workchain-esb", header(dead.get(0), WorkchainHeaders.DLQ_SERVICE));
        assertTrue(header(dead.get(0), WorkchainHeaders.DLQ_ORIGIN).matches("workchain\\.steps-0@\\d+"),
                header(dead.get(0), WorkchainHeaders.DLQ_ORIGIN));

        assertEquals(work.hash(), dead.get(1).key());
        assertArrayEquals(unstamped, dead.get(1).value());
        assertEquals(
                "a step without the workchain-deadline header: steps are the notifier's to write (submit work on the work topic)",
                header(dead.get(1), WorkchainHeaders.DLQ_REASON));

        assertEquals("items[0].request.method is missing", header(dead.get(2), WorkchainHeaders.DLQ_REASON));
        assertEquals("items[0].request.method", header(dead.get(2), WorkchainHeaders.DLQ_FIELD));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
