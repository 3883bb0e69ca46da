package io.workchain.demo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.workchain.common.Topics;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.message.NotificationMessage;
import io.workchain.testing.KafkaTestClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The demo's endpoints over real HTTP; the asynchronous one through the real broker. */
@QuarkusTest
class DemoEndpointsTest {

    private static final String HASH = "4e753d52b4d53d42f2a19fa9a7297e23";

    @BeforeEach
    void reset() {
        given().delete("/api/calls").then().statusCode(204);
    }

    @Test
    void textOperations() {
        post("/api/text/upper", "{\"text\":\"hello\"}").statusCode(200).body("text", is("HELLO"));
        post("/api/text/reverse", "{\"text\":\"hello\"}").statusCode(200).body("text", is("olleh"));
        post("/api/text/count", "{\"text\":\"hello big world\"}").statusCode(200).body("words", is(3))
                .body("characters", is(15));
        post("/api/text/sha256", "{\"text\":\"abc\"}").statusCode(200)
                .body("sha256", is("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    @Test
    void theApiAnswersUnderTheApplicationPrefixTooAsTheSpecificationWritesEndpoints() {
        post("/demo/api/text/upper", "{\"text\":\"hello\"}").statusCode(200).body("text", is("HELLO"));
        given().get("/demo/q/health").then().statusCode(404);
    }

    @Test
    void badPayloadIs400WithTheReason() {
        post("/api/text/upper", "{\"txt\":\"hello\"}").statusCode(400).body("error",
                is("payload needs a string field 'text'"));
    }

    @Test
    void flakyFailsKTimesPerIdempotencyKey() {
        for (int attempt = 1; attempt <= 2; attempt++) {
            given().header("Idempotency-Key", HASH + "/0/0").post("/api/faults/flaky?failures=2").then()
                    .statusCode(503);
        }
        given().header("Idempotency-Key", HASH + "/0/0").post("/api/faults/flaky?failures=2").then().statusCode(200)
                .body("attempt", is(3));
        given().header("Idempotency-Key", HASH + "/0/1").post("/api/faults/flaky?failures=2").then().statusCode(503);
        given().get("/api/calls?hash=" + HASH).then().statusCode(200).body("$", hasSize(0)); // no hash header sent
        given().get("/api/calls").then().statusCode(200).body("$", hasSize(4));
    }

    @Test
    void statusEndpointAnswersTheStatus() {
        post("/api/faults/status/418", "{}").statusCode(418);
    }

    @Test
    void asyncAcceptsThenPublishesItsNotification() {
        try (KafkaConsumer<String, byte[]> consumer = KafkaTestClients.consumer(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), Topics.NOTIFICATION)) {
            given().contentType(ContentType.JSON).body("{\"text\":\"later\"}")
                    .header("X-Workchain-Hash", HASH).header("X-Workchain-Order", "1").header("X-Workchain-Index", "2")
                    .post("/api/async/upper?delayMs=300").then().statusCode(202);

            ConsumerRecord<String, byte[]> record = KafkaTestClients.readFirst(consumer, r -> HASH.equals(r.key()),
                    Duration.ofSeconds(30));
            assertEquals(HASH, record.key());
            NotificationMessage notification = MessageCodec.decode(record.value(), null, NotificationMessage.class);
            assertEquals(HASH, notification.hash());
            assertEquals(1, notification.items().get(0).order());
            assertEquals(2, notification.items().get(0).index());
            assertEquals("{\"text\":\"LATER\"}", notification.items().get(0).response().data());
        }
    }

    @Test
    void asyncWithoutGatewayHeadersIsRefused() {
        post("/api/async/upper", "{\"text\":\"x\"}").statusCode(400);
    }

    private static io.restassured.response.ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }
}
