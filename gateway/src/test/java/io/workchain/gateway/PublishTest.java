package io.workchain.gateway;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.GatewayProtoMapper;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.gateway.OutcomeStatus;
import io.workchain.common.message.Request;
import io.workchain.common.message.RequestType;
import io.workchain.proto.v1.ServiceGateway;
import io.workchain.testing.KafkaTestClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AMQP and KAFKA items, and the HTTPS rule, through both transports, against a real RabbitMQ
 * (Debian's rabbitmq-server, started by the test resource) and a real Kafka broker.
 */
@QuarkusTest
@QuarkusTestResource(RecordingTargetResource.class)
class PublishTest {

    private static final String HASH = "4e753d52b4d53d42f2a19fa9a7297e23";
    private static final String QUEUE = "completion-queue";

    @GrpcClient("gateway")
    ServiceGateway grpc;

    @BeforeAll
    static void declareTheQueue() throws Exception {
        try (Connection connection = rabbit(); Channel channel = connection.createChannel()) {
            channel.queueDeclare(QUEUE, true, false, false, null);
        }
    }

    @BeforeEach
    void emptyTheQueue() throws Exception {
        try (Connection connection = rabbit(); Channel channel = connection.createChannel()) {
            channel.queuePurge(QUEUE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void anAmqpPublishIsCompletedOnceConfirmedAndCarriesTheChainHeaders(String transport) throws Exception {
        String payload = "{\"id\":\"" + UUID.randomUUID() + "\"}";
        InvocationOutcome outcome = invoke(transport, Request.amqp("rabbit", QUEUE, payload));

        assertEquals(OutcomeStatus.COMPLETED, outcome.status(), () -> String.valueOf(outcome));
        assertTrue(outcome.response().metadata().contains("\"confirmed\":true"), outcome.response().metadata());
        try (Connection connection = rabbit(); Channel channel = connection.createChannel()) {
            GetResponse message = channel.basicGet(QUEUE, true);
            assertNotNull(message, "the message is in the queue");
            assertEquals(payload, new String(message.getBody(), StandardCharsets.UTF_8));
            assertEquals("application/json", message.getProps().getContentType());
            assertEquals(HASH, String.valueOf(message.getProps().getHeaders().get("X-Workchain-Hash")));
            assertEquals("2", String.valueOf(message.getProps().getHeaders().get("X-Workchain-Order")));
            assertEquals("1", String.valueOf(message.getProps().getHeaders().get("X-Workchain-Index")));
            assertEquals(HASH + "/2/1", message.getProps().getMessageId());
        }
    }

    @Test
    void theMethodAndTypeAreReadInAnyCase() {
        InvocationOutcome outcome = invoke("grpc", new Request("rabbit", QUEUE, RequestType.AMQP, "Publish", "{}"));
        assertEquals(OutcomeStatus.COMPLETED, outcome.status(), () -> String.valueOf(outcome));
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void anUnroutableMessageFails(String transport) {
        InvocationOutcome outcome = invoke(transport, Request.amqp("rabbit", "no-such-queue", "{}"));

        assertEquals(OutcomeStatus.FAILED, outcome.status());
        assertEquals(FailureKind.FINAL, outcome.kind());
        assertFalse(outcome.retryable());
        assertTrue(outcome.reason().contains("is unroutable (312 NO_ROUTE)"), outcome.reason());
    }

    @Test
    void anUnknownExchangeFails() {
        InvocationOutcome outcome = invoke("rest", Request.amqp("rabbit", "no-such-exchange/key", "{}"));

        assertEquals(OutcomeStatus.FAILED, outcome.status());
        assertEquals(FailureKind.FINAL, outcome.kind());
        assertFalse(outcome.retryable());
        assertTrue(outcome.reason().contains("404 NOT_FOUND"), outcome.reason());
    }

    @Test
    void aRefusedLoginFailsAndNeverShowsThePassword() {
        InvocationOutcome outcome = invoke("grpc", Request.amqp("rabbit-bad-login", QUEUE, "{}"));

        assertEquals(OutcomeStatus.FAILED, outcome.status());
        assertEquals(FailureKind.FINAL, outcome.kind());
        assertFalse(outcome.retryable());
        assertTrue(outcome.reason().contains("refused the login"), outcome.reason());
        assertFalse(outcome.reason().contains("s3cret"), outcome.reason());
    }

    @Test
    void aBrokerThatIsDownIsAnOutage() {
        InvocationOutcome outcome = invoke("grpc", Request.amqp("rabbit-down", QUEUE, "{}"));

        assertEquals(OutcomeStatus.FAILED, outcome.status());
        assertTrue(outcome.retryable());
        assertEquals(FailureKind.UNREACHABLE, outcome.kind(), "no connection: the ESB waits it out");
        assertTrue(outcome.reason().startsWith("could not reach the AMQP broker amqp://127.0.0.1:"), outcome.reason());
    }

    @Test
    void anAbsoluteAmqpUrlToLoopbackIsRefused() {
        // The route's own URL would be the route; another loopback address is not.
        InvocationOutcome outcome = invoke("rest",
                Request.amqp(RecordingTargetResource.rabbit.url().replace("127.0.0.1", "127.0.0.2"),
                        QUEUE, "{}"));

        assertEquals(OutcomeStatus.FAILED, outcome.status());
        assertTrue(outcome.reason().contains("is refused: loopback address"), outcome.reason());
        assertFalse(outcome.reason().contains("guest"), outcome.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void anHttpsItemIsNeverDowngraded(String transport) {
        InvocationOutcome byRoute = invoke(transport, Request.https("plain-demo", "/api/echo", "GET", null));
        InvocationOutcome byUrl = invoke(transport, Request.https("http://allowed.example", "/x", "GET", null));

        for (InvocationOutcome outcome : new InvocationOutcome[]{byRoute, byUrl}) {
            assertEquals(OutcomeStatus.FAILED, outcome.status());
            assertFalse(outcome.retryable());
            assertTrue(outcome.reason().contains("an HTTPS item requires TLS and is never downgraded to http"),
                    outcome.reason());
        }
        assertEquals(OutcomeStatus.COMPLETED,
                invoke(transport, Request.https("secure", "/api/tls", "POST", "{}")).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void aKafkaPublishIsCompletedOnceAcknowledged(String transport) {
        String payload = "{\"id\":\"" + UUID.randomUUID() + "\"}";
        InvocationOutcome outcome = invoke(transport, Request.kafka("events", "test-events", payload));

        assertEquals(OutcomeStatus.COMPLETED, outcome.status(), () -> String.valueOf(outcome));
        assertTrue(
                outcome.response().metadata()
                        .matches(".*\"topic\":\"test-events\",\"partition\":\\d+,\"offset\":\\d+.*"),
                outcome.response().metadata());
        ConsumerRecord<String, byte[]> record = KafkaTestClients.readFirst(
                RecordingTargetResource.kafka.bootstrapServers(),
                "test-events", r -> payload.equals(new String(r.value(), StandardCharsets.UTF_8)),
                Duration.ofSeconds(30));
        assertEquals(HASH, record.key());
        assertEquals(HASH + "/2/1",
                new String(record.headers().lastHeader("Idempotency-Key").value(), StandardCharsets.UTF_8));
    }

    @Test
    void aKafkaItemMustNameARoute() {
        InvocationOutcome outcome = invoke("grpc",
                Request.kafka("kafka://" + RecordingTargetResource.kafka.bootstrapServers(),
                        "test-events", "{}"));
        assertEquals(OutcomeStatus.FAILED, outcome.status());
        assertTrue(outcome.reason().contains("a KAFKA item must name a route"), outcome.reason());
    }

    private static Connection rabbit() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URI.create(RecordingTargetResource.rabbit.url()));
        return factory.newConnection();
    }

    private InvocationOutcome invoke(String transport, Request request) {
        Invocation invocation = new Invocation(HASH, 2, 1, request, null, null);
        if (transport.equals("grpc")) {
            return GatewayProtoMapper.fromProto(
                    grpc.invoke(GatewayProtoMapper.toProto(invocation)).await().atMost(Duration.ofSeconds(30)));
        }
        return given().contentType(ContentType.JSON).body(invocation).when().post("/invoke")
                .then().statusCode(200).extract().as(InvocationOutcome.class);
    }
}
