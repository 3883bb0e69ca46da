package io.workchain.notifier;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.workchain.common.Topics;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.WorkMessage;
import io.workchain.testing.KafkaBrokerTestResource;
import io.workchain.testing.KafkaTestClients;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A finished chain's state is removed once the retention has passed (here 3 s, timers checked every 500 ms). */
@QuarkusTest
@TestProfile(RetentionTest.ShortRetention.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class RetentionTest {

    public static class ShortRetention implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("workchain.notifier.retention", "3s", "workchain.notifier.timer-interval", "500ms");
        }
    }

    @Test
    void finishedChainIsKeptForTheRetentionThenRemoved() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        WorkMessage work = WorkMessage.builder()
                .item(0, Request.http("demo", "/a", "POST", "{\"id\":\"" + UUID.randomUUID() + "\"}")).build();
        try (KafkaProducer<String, byte[]> producer = KafkaTestClients.producer(bootstrap)) {
            producer.send(new ProducerRecord<>(Topics.WORK, work.hash(), MessageCodec.toJson(work))).get();
            producer.send(new ProducerRecord<>(Topics.NOTIFICATION, work.hash(), MessageCodec.toJson(
                    NotificationMessage.of(work.hash(), 0, 0, Response.success("done", null))))).get();
        }

        // When the chain finished, by the notifier's own clock (the same machine's), read from the
        // answer that shows it COMPLETED: its removal can only be seen after that plus the retention,
        // however late this test looks (on a busy machine it may look only once it is gone).
        AtomicLong finishedAt = new AtomicLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var answer = given().get("/chains/" + work.hash());
            if (answer.statusCode() == 200 && "COMPLETED".equals(answer.jsonPath().getString("status"))) {
                finishedAt.set(Instant.parse(answer.jsonPath().getString("updated_at")).toEpochMilli());
                return true;
            }
            return false;
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/chains/" + work.hash()).statusCode() == 404);
        long keptMillis = System.currentTimeMillis() - finishedAt.get();
        assertTrue(keptMillis >= 3000, "kept " + keptMillis + " ms, retention is 3 s");
    }
}
