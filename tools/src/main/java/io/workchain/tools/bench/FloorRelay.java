package io.workchain.tools.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The floor the benchmark measures Workchain against: the same Kafka hops and the same HTTP call
 * per step, with no Workchain logic (no validation, no state, no retries, no exactly-once). Two
 * roles, each its own JVM:
 * <ul>
 *   <li>{@code call}: reads {@code floor.loop}, POSTs the value to the HTTP target, writes the
 *       answer to {@code floor.mid} (the ESB's hop from the steps topic to the notification topic);</li>
 *   <li>{@code forward}: reads {@code floor.in} and writes it to {@code floor.loop} (the notifier's
 *       admission of a chain, which forwards its first step); reads {@code floor.mid} and, after the
 *       last step, writes {@code floor.out} (the completion), else {@code floor.loop} (the next
 *       step), the step count in a header.</li>
 * </ul>
 * So a 1-step message crosses in, loop, mid, out (4 hops, 1 call), a 5-step one 12 hops and 5
 * calls: as many as a Workchain chain of that many steps.
 */
public final class FloorRelay {

    static final String IN = "floor.in";
    static final String MID = "floor.mid";
    static final String LOOP = "floor.loop";
    static final String OUT = "floor.out";
    static final String STEP = "floor-step";
    static final String STEPS = "floor-steps";

    private FloorRelay() {
    }

    public static void main(String[] args) throws InterruptedException {
        String role = args[0];
        String bootstrap = args[1];
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1), new StringSerializer(), new ByteArraySerializer());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "floor-" + role,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(role.equals("call") ? List.of(LOOP) : List.of(IN, MID));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI target = role.equals("call") ? URI.create(args[2]) : null;
        Semaphore inFlight = new Semaphore(64);
        System.out.println("floor relay '" + role + "' ready");
        while (!Thread.currentThread().isInterrupted()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (role.equals("call")) {
                    inFlight.acquire();
                    http.sendAsync(HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(record.value())).build(),
                                    HttpResponse.BodyHandlers.ofByteArray())
                            .whenComplete((response, error) -> {
                                inFlight.release();
                                ProducerRecord<String, byte[]> next = new ProducerRecord<>(MID, record.key(),
                                        response == null ? new byte[0] : response.body());
                                copy(record, next, STEP, STEPS);
                                producer.send(next);
                            });
                } else if (record.topic().equals(IN)) {
                    ProducerRecord<String, byte[]> first = new ProducerRecord<>(LOOP, record.key(), record.value());
                    copy(record, first, STEP, STEPS);
                    producer.send(first);
                } else {
                    int step = number(record, STEP) + 1;
                    int steps = number(record, STEPS);
                    ProducerRecord<String, byte[]> next = new ProducerRecord<>(step >= steps ? OUT : LOOP, record.key(), record.value());
                    next.headers().add(STEP, ByteBuffer.allocate(4).putInt(step).array());
                    next.headers().add(STEPS, ByteBuffer.allocate(4).putInt(steps).array());
                    producer.send(next);
                }
            }
        }
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
