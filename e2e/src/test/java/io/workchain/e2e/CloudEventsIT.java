package io.workchain.e2e;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.WorkMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.workchain.e2e.Chains.demo;
import static io.workchain.e2e.Chains.single;
import static io.workchain.e2e.Chains.text;
import static io.workchain.e2e.Chains.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The topics as any CloudEvents consumer sees them, read with the CloudEvents SDK's own Kafka
 * deserializer (not the project's code): notifications and completions are events whose subject
 * is the chain's hash. Work is sent with the SDK's serializer, in structured and in binary mode.
 */
class CloudEventsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final WorkchainSystem system = WorkchainSystem.get();
    private final CloudEventDeserializer reader = new CloudEventDeserializer();

    @Test
    void workSentAsACloudEventInEitherModeCompletesAndItsNotificationsAndCompletionAreCloudEvents() throws Exception {
        WorkMessage structured = single(demo("/api/text/upper", text(unique("ce-structured"))));
        WorkMessage binary = single(demo("/api/text/upper", text(unique("ce-binary"))));
        send(structured, Encoding.STRUCTURED);
        send(binary, Encoding.BINARY);

        for (WorkMessage chain : List.of(structured, binary)) {
            CloudEvent completion = await().atMost(WAIT).until(() -> event(system.completions.byKey(chain.hash())),
                    Optional::isPresent).orElseThrow();
            assertEquals(SpecVersion.V1, completion.getSpecVersion());
            assertEquals("io.workchain.message.completion", completion.getType());
            assertEquals(URI.create("/workchain/notifier"), completion.getSource());
            assertTrue(completion.getId().startsWith(chain.hash() + "/completion@"), completion.getId());
            assertEquals(chain.hash(), completion.getSubject());
            assertNotNull(completion.getTime());
            assertEquals("application/json", completion.getDataContentType());
            CompletionMessage message = MessageCodec.decode(completion.getData().toBytes(), null,
                    CompletionMessage.class);
            assertEquals(ChainStatus.COMPLETED, message.status());

            CloudEvent notification = event(system.notifications.byKey(chain.hash())).orElseThrow();
            assertEquals("io.workchain.message.notification", notification.getType());
            assertEquals(URI.create("/workchain/esb"), notification.getSource());
            assertTrue(notification.getId().startsWith(chain.hash() + "/0/0@"), notification.getId());
            assertEquals(chain.hash(), notification.getSubject());
            assertEquals(chain.hash(),
                    MessageCodec.decode(notification.getData().toBytes(), null, NotificationMessage.class).hash());
        }
    }

    /** The first of these records that the SDK reads as a CloudEvent. */
    private Optional<CloudEvent> event(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                return Optional.of(reader.deserialize(record.topic(), record.headers(), record.value()));
            } catch (RuntimeException notAnEvent) {
                // keep looking
            }
        }
        return Optional.empty();
    }

    private void send(WorkMessage work, Encoding encoding) throws Exception {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/e2e/cloudevents"))
                .withType("io.workchain.work")
                .withDataContentType("application/json")
                .withData(MessageCodec.toJson(work))
                .build();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class,
                CloudEventSerializer.ENCODING_CONFIG, encoding.name(),
                CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE);
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>("workchain.work", work.hash(), event)).get(30, TimeUnit.SECONDS);
        }
    }
}
