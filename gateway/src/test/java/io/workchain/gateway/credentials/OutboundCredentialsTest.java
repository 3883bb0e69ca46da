package io.workchain.gateway.credentials;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.gateway.OutcomeStatus;
import io.workchain.common.message.Request;
import io.workchain.testing.KafkaTestClients;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each kind of outbound credential against a real server on loopback that checks it (see
 * {@link CredentialTargetsResource}): the route's targets receive it and nothing else does, and when
 * it fails (a target echoing it in a 401, a token endpoint refusing and quoting the client's secret, a
 * certificate the target does not trust, a wrong SASL password) the secret appears in no outcome and
 * in no log line the gateway wrote meanwhile.
 */
@QuarkusTest
@QuarkusTestResource(value = CredentialTargetsResource.class, restrictToAnnotatedClass = true)
class OutboundCredentialsTest {

    private static final String HASH = "4e753d52b4d53d42f2a19fa9a7297e23";
    private static final List<String> LOGGED = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(
                    record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage()));
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(' ').append(trace);
            }
            LOGGED.add(line.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @Inject
    RouteCredentials credentials;

    @BeforeAll
    static void captureLogs() {
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void noSecretWasLogged() {
        Logger.getLogger("").removeHandler(CAPTURE);
        assertFalse(LOGGED.isEmpty(), "the failures were logged (so the check below reads something)");
        for (String line : LOGGED) {
            for (String secret : secrets()) {
                assertFalse(line.contains(secret), "a log line holds a secret: " + line.replace(secret, "<SECRET>"));
            }
        }
    }

    @BeforeEach
    void reset() {
        CredentialTargetsResource.received.clear();
        CredentialTargetsResource.tokenEndpointDown.set(false);
    }

    @Test
    void staticHeadersGoToTheirRouteOnly() {
        assertEquals(OutcomeStatus.COMPLETED, invoke(Request.http("keyed", "/call", "POST", "{}")).status());
        assertEquals(OutcomeStatus.COMPLETED, invoke(Request.http("open", "/call", "POST", "{}")).status());
        String open = CredentialTargetsResource.received.get(1).get(":path");
        // An absolute URL under the route's base is the route; one under another route is not.
        String base = "http://127.0.0.1:" + port("keyed");
        assertEquals(OutcomeStatus.COMPLETED, invoke(Request.http(base + "/keyed/x", "", "GET", null)).status());
        assertEquals(OutcomeStatus.COMPLETED, invoke(Request.http(base + "/open/x", "", "GET", null)).status());

        List<Map<String, String>> calls = CredentialTargetsResource.received;
        assertEquals(4, calls.size());
        assertEquals(CredentialTargetsResource.API_KEY, calls.get(0).get("x-api-key"));
        assertEquals("/open/call", open);
        assertNull(calls.get(1).get("x-api-key"));
        assertEquals(CredentialTargetsResource.API_KEY, calls.get(2).get("x-api-key"));
        assertNull(calls.get(3).get("x-api-key"));
        // The gateway's own headers stay: a route's headers add to them.
        assertEquals(HASH + "/1/0", calls.get(0).get("idempotency-key"));
    }

    @Test
    void aTargetEchoingTheHeaderDoesNotPutItInTheOutcome() {
        InvocationOutcome completed = invoke(Request.http("keyed", "/echo", "POST", "{}"));
        assertEquals(OutcomeStatus.COMPLETED, completed.status());
        assertTrue(completed.response().data().contains("x-api-key=***"), completed.response().data());

        InvocationOutcome denied = invoke(Request.http("keyed", "/deny", "POST", "{}"));
        assertEquals(OutcomeStatus.FAILED, denied.status());
        assertEquals(FailureKind.FINAL, denied.kind());
        assertEquals(401, denied.httpStatus());
        assertTrue(denied.reason().contains("x-api-key=***"), denied.reason());
        assertNoSecret(completed);
        assertNoSecret(denied);
    }

    @Test
    void oauthTokenIsFetchedOnceAndAgainAfterItExpires() throws InterruptedException {
        Thread.sleep(CredentialTargetsResource.TOKEN_SECONDS * 1000L + 1500); // a token of an earlier test has expired
        int before = CredentialTargetsResource.tokenRequests.get();
        // Calls one after another reuse one token while it is valid.
        List<InvocationOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outcomes.add(invoke(Request.http("oauth", "/call", "POST", "{}")));
        }
        outcomes.forEach(outcome -> assertEquals(OutcomeStatus.COMPLETED, outcome.status(), outcome.reason()));
        assertEquals(before + 1, CredentialTargetsResource.tokenRequests.get());
        String first = bearer(0);
        assertEquals(first, bearer(1));
        assertEquals(first, bearer(2));
        assertEquals("Bearer " + CredentialTargetsResource.issuedTokens.get(
                CredentialTargetsResource.issuedTokens.size() - 1), first);

        Thread.sleep(CredentialTargetsResource.TOKEN_SECONDS * 1000L + 1500);
        assertEquals(OutcomeStatus.COMPLETED, invoke(Request.http("oauth", "/call", "POST", "{}")).status());
        assertEquals(before + 2, CredentialTargetsResource.tokenRequests.get());
        assertNotEquals(first, bearer(3));

        InvocationOutcome denied = invoke(Request.http("oauth", "/deny", "POST", "{}"));
        assertEquals(401, denied.httpStatus());
        assertTrue(denied.reason().contains("authorization=Bearer ***"), denied.reason());
        assertNoSecret(denied);
        // A refused token (revoked before its expiry) is not sent again: the next call fetches a new one.
        assertEquals(OutcomeStatus.COMPLETED, invoke(Request.http("oauth", "/call", "POST", "{}")).status());
        assertEquals(before + 3, CredentialTargetsResource.tokenRequests.get());
    }

    @Test
    void aTokenEndpointOutageIsAnOutageOfTheRouteNotAFailedItem() throws InterruptedException {
        CredentialTargetsResource.tokenEndpointDown.set(true);
        Thread.sleep(CredentialTargetsResource.TOKEN_SECONDS * 1000L + 1500); // any cached token has expired
        InvocationOutcome down = invoke(Request.http("oauth", "/call", "POST", "{}"));
        assertEquals(OutcomeStatus.FAILED, down.status());
        assertEquals(FailureKind.UNREACHABLE, down.kind(), down.reason());
        assertTrue(down.retryable());
        assertTrue(down.reason().contains("route 'oauth'") && down.reason().contains("'partner-idp'"), down.reason());
        assertTrue(CredentialTargetsResource.received.isEmpty(), "nothing was sent without its token");

        CredentialTargetsResource.tokenEndpointDown.set(false);
        assertEquals(OutcomeStatus.COMPLETED, invoke(Request.http("oauth", "/call", "POST", "{}")).status());
        assertNoSecret(down);
    }

    @Test
    void aTokenEndpointQuotingTheClientSecretDoesNotLeakIt() {
        InvocationOutcome refused = invoke(Request.http("oauth-refused", "/call", "POST", "{}"));
        assertEquals(OutcomeStatus.FAILED, refused.status());
        assertEquals(FailureKind.UNREACHABLE, refused.kind());
        assertTrue(CredentialTargetsResource.received.isEmpty());
        assertNoSecret(refused);
    }

    @Test
    void theRoutesClientCertificateIsAcceptedAndNoOtherCall() {
        // The JVM's first handshake with a client certificate can outlast the 1 s call timeout of the
        // module's tests on a loaded machine: the first calls may time out until it is warm.
        await().atMost(Duration.ofSeconds(30)).until(
                () -> invoke(Request.https("mtls", "/call", "POST", "{}")).status() == OutcomeStatus.COMPLETED);
        InvocationOutcome stranger = invoke(Request.https("mtls-stranger", "/call", "POST", "{}"));
        InvocationOutcome none = invoke(Request.https("mtls-none", "/call", "POST", "{}"));
        for (InvocationOutcome refused : List.of(stranger, none)) {
            assertEquals(OutcomeStatus.FAILED, refused.status());
            assertEquals(FailureKind.UNREACHABLE, refused.kind(), refused.reason());
            assertNoSecret(refused);
        }
        assertTrue(CredentialTargetsResource.received.stream().allMatch(call -> call.get(":path").equals("/mtls/call")),
                "only calls with the route's certificate got in: " + CredentialTargetsResource.received);
    }

    @Test
    void aKafkaRoutePublishesOverSaslWithItsPassword() {
        String topic = "partner-events-" + UUID.randomUUID();
        String payload = "{\"n\":\"" + UUID.randomUUID() + "\"}";
        InvocationOutcome published = invoke(Request.kafka("kafka-sasl", topic, payload));
        assertEquals(OutcomeStatus.COMPLETED, published.status(), published.reason());
        ConsumerRecord<String, byte[]> record = KafkaTestClients.readFirst(
                CredentialTargetsResource.kafka.bootstrapServers(), topic, r -> true, Duration.ofSeconds(20));
        assertEquals(payload, new String(record.value(), StandardCharsets.UTF_8));

        InvocationOutcome wrong = invoke(Request.kafka("kafka-sasl-wrong", topic, payload));
        assertEquals(OutcomeStatus.FAILED, wrong.status());
        assertNoSecret(wrong);
        assertNoSecret(published);
    }

    @Test
    void eachRouteSaysWhichKindsOfCredentialItUsesWithoutValues() {
        assertEquals(Set.of(CredentialKind.HEADERS), credentials.kinds("keyed"));
        assertEquals(Set.of(CredentialKind.OAUTH2), credentials.kinds("oauth"));
        assertEquals(Set.of(CredentialKind.CLIENT_CERTIFICATE), credentials.kinds("mtls"));
        assertEquals(Set.of(CredentialKind.KAFKA_SECURITY), credentials.kinds("kafka-sasl"));
        assertEquals(Set.of(), credentials.kinds("open"));
        assertEquals(Set.of(), credentials.kinds(null));

        // GET /routes shows the same kinds, and no value.
        String routes = given().when().get("/routes").then().statusCode(200).extract().asString();
        JsonPath listing = JsonPath.from(routes);
        assertEquals(List.of("headers"), listing.getList("find { it.name == 'keyed' }.credentials"));
        assertEquals(List.of("oauth2"), listing.getList("find { it.name == 'oauth' }.credentials"));
        assertEquals(List.of("client_certificate"), listing.getList("find { it.name == 'mtls' }.credentials"));
        assertEquals(List.of("kafka_security"), listing.getList("find { it.name == 'kafka-sasl' }.credentials"));
        assertEquals(List.of(), listing.getList("find { it.name == 'open' }.credentials"));
        for (String secret : secrets()) {
            assertFalse(routes.contains(secret), "GET /routes shows a secret");
        }
    }

    private static String bearer(int call) {
        return CredentialTargetsResource.received.get(call).get("authorization");
    }

    /** The port of a route's target, as the test resource configured it. */
    private static int port(String route) {
        return URI.create(ConfigProvider.getConfig().getValue("workchain.gateway.routes." + route, String.class))
                .getPort();
    }

    private static List<String> secrets() {
        List<String> secrets = new ArrayList<>(List.of(CredentialTargetsResource.API_KEY,
                CredentialTargetsResource.CLIENT_SECRET, CredentialTargetsResource.KAFKA_PASSWORD,
                CredentialTargetsResource.clientKeyStorePassword));
        secrets.addAll(CredentialTargetsResource.issuedTokens);
        return secrets;
    }

    private static void assertNoSecret(InvocationOutcome outcome) {
        String text = outcome.reason() + " " + (outcome.response() == null
                ? ""
                : outcome.response().data() + " " + outcome.response().metadata());
        for (String secret : secrets()) {
            assertFalse(text.contains(secret), "the outcome holds a secret: " + text.replace(secret, "<SECRET>"));
        }
    }

    private static InvocationOutcome invoke(Request request) {
        Invocation invocation = new Invocation(HASH, 1, 0, request, null, null);
        return given().contentType(ContentType.JSON).body(invocation)
                .when().post("/invoke")
                .then().statusCode(200).extract().as(InvocationOutcome.class);
    }
}
