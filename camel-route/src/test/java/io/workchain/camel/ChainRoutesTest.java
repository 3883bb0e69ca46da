package io.workchain.camel;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both routes on a real broker (the project's embedded one) and an HTTP stand-in for the demo
 * service ({@link CamelRouteTestResource}: the demo service is another module, never imported):
 * a record sent to each route's input comes out on its output, upper-cased, keyed as sent, once;
 * a 3-step record is called three times. The answers are read read_committed: the eos route's are
 * visible only once its transaction committed.
 */
@QuarkusTest
@QuarkusTestResource(CamelRouteTestResource.class)
class ChainRoutesTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void thePlainRouteAnswersUpperCasedAndKeyedAsSent() {
        assertAnswers(ChainRoutes.PLAIN_IN, ChainRoutes.PLAIN_OUT, "plain", 1);
    }

    @Test
    void theExactlyOnceRouteAnswersInCommittedTransactions() {
        // A transaction per answer: each answer is followed in the log by its transaction's commit
        // marker, which takes an offset of its own.
        assertAnswers(ChainRoutes.EOS_IN, ChainRoutes.EOS_OUT, "eos", 2);
    }

    /**
     * {@code word} tells each test's texts apart (the stand-in counts calls per text); {@code gap}:
     * the offsets between the two answers (one partition, answered in order).
     */
    private void assertAnswers(String in, String out, String word, long gap) {
        try (KafkaConsumer<String, String> reader = reader(out);
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                        new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(in, "one", "{\"text\":\"hello " + word + "\"}"));
            ProducerRecord<String, String> threeSteps = new ProducerRecord<>(in, "three",
                    "{\"text\":\"abc " + word + "\"}");
            threeSteps.headers().add(ChainRoutes.STEPS, ByteBuffer.allocate(4).putInt(3).array());
            producer.send(threeSteps);
            producer.flush();
            List<ConsumerRecord<String, String>> answers = read(reader, 2, Duration.ofSeconds(60));
            Map<String, String> byKey = new HashMap<>();
            answers.forEach(answer -> byKey.put(answer.key(), answer.value()));
            assertEquals(2, answers.size(), "one answer per record: " + answers);
            assertEquals("{\"text\":\"HELLO " + word.toUpperCase(Locale.ROOT) + "\"}", byKey.get("one"));
            assertEquals("{\"text\":\"ABC " + word.toUpperCase(Locale.ROOT) + "\"}", byKey.get("three"));
            assertTrue(answers.stream().allMatch(answer -> answer.headers().lastHeader(ChainRoutes.STEPS) == null),
                    "no header of the record or the calls leaks into the answer");
            assertEquals(3, CamelRouteTestResource.calls("abc " + word), "a call per step");
            assertEquals(gap, answers.get(1).offset() - answers.get(0).offset(), "offsets " + answers);
        }
    }

    /** A read_committed reader of {@code topic}, from its start, assigned before anything is sent. */
    private KafkaConsumer<String, String> reader(String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static List<ConsumerRecord<String, String>> read(KafkaConsumer<String, String> reader, int count,
            Duration within) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            reader.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        // A little longer: a second answer to one record would arrive now.
        reader.poll(Duration.ofSeconds(2)).forEach(records::add);
        return records;
    }
}
