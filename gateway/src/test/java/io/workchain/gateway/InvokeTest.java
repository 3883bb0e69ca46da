package io.workchain.gateway;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.workchain.common.callback.CallbackHeaders;
import io.workchain.common.callback.CallbackRefusedException;
import io.workchain.common.callback.CallbackSigner;
import io.workchain.common.callback.CallbackToken;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.GatewayProtoMapper;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.gateway.OutcomeStatus;
import io.workchain.common.gateway.WarmUpInvocation;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.WorkMessage;
import io.workchain.proto.v1.ServiceGateway;
import io.workchain.testing.RecordingHttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invoke(item) through both transports, against a real HTTP server on loopback that records
 * what it receives.
 */
@QuarkusTest
@QuarkusTestResource(RecordingTargetResource.class)
class InvokeTest {

    private static final String HASH = "4e753d52b4d53d42f2a19fa9a7297e23";

    @GrpcClient("gateway")
    ServiceGateway grpc;

    @BeforeEach
    void reset() {
        RecordingTargetResource.server.reset();
        RecordingTargetResource.tlsServer.reset();
    }

    /** The ESB's warm-up invocation: answered at once over either transport, nothing sent anywhere. */
    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void theWarmUpInvocationIsAnsweredWithoutCallingAnything(String transport) {
        InvocationOutcome outcome = invoke(transport, WarmUpInvocation.create());

        assertEquals(WarmUpInvocation.answer(), outcome);
        assertEquals(0, RecordingTargetResource.server.calls().size(), "no target was called");
        assertEquals(0, RecordingTargetResource.tlsServer.calls().size(), "no target was called");
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void completedCallCarriesBodyMetadataAndHeaders(String transport) {
        InvocationOutcome outcome = invoke(transport, "echo", "/api/echo", "POST", "{\"text\":\"hi\"}");

        assertEquals(OutcomeStatus.COMPLETED, outcome.status());
        assertEquals("{\"echo\":\"{\\\"text\\\":\\\"hi\\\"}\"}", outcome.response().data());
        assertEquals("{\"status\":200,\"content_type\":\"application/json\"}", outcome.response().metadata());
        assertEquals(200, outcome.httpStatus());
        RecordingHttpServer.Call call = RecordingTargetResource.server.calls().get(0);
        assertEquals("POST", call.method());
        assertEquals("/api/echo", call.path());
        assertEquals(HASH + "/2/1", call.header("Idempotency-Key"));
        assertEquals(HASH, call.header("X-Workchain-Hash"));
        assertEquals("2", call.header("X-Workchain-Order"));
        assertEquals("1", call.header("X-Workchain-Index"));
        // The chain's trace continues: same trace id; the parent is the gateway's own span when
        // tracing is on, the ESB's (as sent) when it is off.
        assertTrue(call.header("traceparent").matches("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01"),
                call.header("traceparent"));
        assertEquals("application/json", call.header("Content-Type"));
    }

    @ParameterizedTest
    @CsvSource({
            "grpc, /status/202, ACCEPTED, false, ",
            "rest, /status/202, ACCEPTED, false, ",
            "grpc, /status/503, FAILED, true, RETRYABLE",
            "rest, /status/500, FAILED, true, RETRYABLE",
            "grpc, /status/429, FAILED, true, RETRYABLE",
            "rest, /status/408, FAILED, true, RETRYABLE",
            "rest, /status/404, FAILED, false, FINAL",
            "grpc, /status/400, FAILED, false, FINAL",
            "grpc, /status/413, FAILED, false, TOO_LARGE",
            "rest, /slow/3000, FAILED, true, TIMED_OUT",
    })
    void outcomeRules(String transport, String endpoint, OutcomeStatus status, boolean retryable, FailureKind kind) {
        InvocationOutcome outcome = invoke(transport, "echo", endpoint, "GET", null);
        assertEquals(status, outcome.status(), () -> String.valueOf(outcome));
        assertEquals(retryable, outcome.retryable(), () -> String.valueOf(outcome));
        assertEquals(kind, outcome.kind(), () -> String.valueOf(outcome));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            grpc | http://127.0.0.2:{port}      | /x             | host '127.0.0.2' is refused: loopback address
            rest | http://localhost:{port}      | /x             | host 'localhost' is refused: loopback or metadata host name
            grpc | http://169.254.169.254       | /latest        | host '169.254.169.254' is refused: link-local address
            rest | http://[::1]:{port}          | /x             | host '[::1]' is refused: loopback address
            grpc | http://not-allowed.example   | /x             | host 'not-allowed.example' is not on the gateway's allow-list
            rest | file:///etc/passwd           | ''             | is file://, which an item of type HTTP cannot use
            grpc | unknown-route                | /x             | url 'unknown-route' is not a configured route
            rest | echo                         | @evil.example/ | endpoint must start with '/'
            grpc | echo                         | //evil.example | is not a plain path
            grpc | echo                         | /..?x          | is not a plain path: dot segment
            rest | echo                         | /..#           | is not a plain path: fragment
            grpc | echo                         | /%2e%2e/       | is not a plain path: dot segment
            rest | echo                         | /a/%252E%252e/b | is not a plain path: dot segment
            grpc | echo                         | /a/.;x/b       | is not a plain path: dot segment
            rest | echo                         | /a/%5c..       | is not a plain path: dot segment or backslash
            grpc | http://[::ffff:127.0.0.1]:{port} | /x         | is refused: loopback address
            rest | http://[64:ff9b::7f00:1]:{port} | /x          | is refused: loopback address (inside an IPv6 address)
            grpc | http://[::ffff:a9fe:a9fe]     | /x             | is refused: link-local address
            rest | http://[fd00:ec2::254]        | /latest        | is refused: cloud metadata address
            grpc | http://10.1.2.3              | /x             | is refused: private address
            rest | http://[fd12::1]              | /x             | is refused: private address
            grpc | http://rebound.trusted.example:{port} | /x    | resolves to a loopback address
            rest | http://private.trusted.example | /x           | resolves to a private address
            grpc | http://metadata.trusted.example | /latest     | resolves to a link-local address
            rest | http://mapped.trusted.example:{port} | /x     | resolves to a loopback address
            grpc | https://127.0.0.1:{untrusted}/other | /x      | is refused: loopback address
            """)
    void refusedTargetsNeverReachAServer(String transport, String url, String endpoint, String reason) {
        String target = url.replace("{port}", Integer.toString(RecordingTargetResource.server.port()))
                .replace("{untrusted}", Integer.toString(RecordingTargetResource.untrustedServer.port()));
        InvocationOutcome outcome = invoke(transport, target, endpoint, "GET", null);

        assertEquals(OutcomeStatus.FAILED, outcome.status());
        assertFalse(outcome.retryable());
        assertTrue(outcome.kind() == FailureKind.REFUSED || outcome.kind() == FailureKind.BAD_REQUEST,
                () -> String.valueOf(outcome));
        assertTrue(outcome.reason().contains(reason), outcome.reason());
        assertEquals(0, RecordingTargetResource.server.calls().size());
        assertEquals(0, RecordingTargetResource.untrustedServer.calls().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void aTooLargeAnswerIsAbortedWhileItStreams(String transport) {
        // 64 MiB offered, 256 KiB allowed: the gateway stops reading and resets the connection.
        InvocationOutcome outcome = invoke(transport, "echo", "/big/67108864", "GET", null);

        assertEquals(OutcomeStatus.FAILED, outcome.status(), () -> String.valueOf(outcome));
        assertEquals(FailureKind.TOO_LARGE, outcome.kind());
        assertFalse(outcome.retryable());
        assertTrue(
                outcome.reason()
                        .contains("is larger than 262144 bytes (workchain.gateway.max-response-bytes): aborted"),
                outcome.reason());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> RecordingTargetResource.server.aborted() == 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void theCallTimeoutAbortsTheRequest(String transport) {
        // One byte every 100 ms for 20 s; the call timeout is 1 s: the request is reset, not left running.
        long start = System.nanoTime();
        InvocationOutcome outcome = invoke(transport, "echo", "/drip/20000", "GET", null);

        assertEquals(OutcomeStatus.FAILED, outcome.status(), () -> String.valueOf(outcome));
        assertEquals(FailureKind.TIMED_OUT, outcome.kind());
        assertTrue(outcome.retryable());
        assertTrue(outcome.reason().contains("within 1000 ms"), outcome.reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "answered at the timeout");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> RecordingTargetResource.server.aborted() == 1);
    }

    /** An ESB that predates the protobuf field sends the chain as JSON for every route: still delivered. */
    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void aRouteMayDeliverTheWholeWorkMessage(String transport) {
        WorkMessage chain = WorkMessage.builder()
                .item(0, Request.http("echo-chain", "/a", "POST", "{\"text\":\"x\"}"))
                .item(1, Request.http("echo-chain-proto", "/b", "POST", "{}"))
                .build().withResponse(0, Response.success("{\"text\":\"X\"}", null));
        String json = MessageCodec.toJsonString(chain);

        InvocationOutcome asJson = invoke(transport,
                new Invocation(chain.hash(), 0, 0, chain.items().get(0).request(), null, null, json));
        InvocationOutcome asProtobuf = invoke(transport,
                new Invocation(chain.hash(), 1, 1, chain.items().get(1).request(), null, null, json));

        assertEquals(OutcomeStatus.COMPLETED, asJson.status(), () -> String.valueOf(asJson));
        assertEquals(OutcomeStatus.COMPLETED, asProtobuf.status(), () -> String.valueOf(asProtobuf));
        RecordingHttpServer.Call jsonCall = RecordingTargetResource.server.calls().get(0);
        assertEquals("/chain/a", jsonCall.path());
        assertEquals("application/json", jsonCall.header("Content-Type"));
        assertEquals(chain,
                MessageCodec.decode(jsonCall.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), null,
                        WorkMessage.class),
                "the chain it is part of, with the responses so far");
        RecordingHttpServer.Call protobufCall = RecordingTargetResource.server.calls().get(1);
        assertEquals("application/x-protobuf", protobufCall.header("Content-Type"));
        assertFalse(protobufCall.body().isEmpty());
    }

    /** Issue 20, item 5: the ESB sends no chain by default; a route that receives it asks, naming its format. */
    @ParameterizedTest
    @CsvSource({"grpc, echo-chain, JSON", "rest, echo-chain, JSON", "grpc, echo-chain-proto, PROTOBUF",
            "rest, echo-chain-proto, PROTOBUF"})
    void aRouteThatDeliversTheWorkMessageAsksForIt(String transport, String route, WireFormat format) {
        InvocationOutcome outcome = invoke(transport,
                new Invocation(HASH, 0, 0, Request.http(route, "/a", "GET", null), null, null));

        assertEquals(OutcomeStatus.NEEDS_WORK_MESSAGE, outcome.status(), () -> String.valueOf(outcome));
        assertEquals(format, outcome.workMessageFormat().orElseThrow());
        assertNull(outcome.kind());
        assertEquals(0, RecordingTargetResource.server.calls().size(), "nothing sent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void aJsonRouteSentOnlyProtobufAsksForJson(String transport) {
        Invocation invocation = new Invocation(HASH, 0, 0, Request.http("echo-chain", "/a", "GET", null), null, null)
                .withWorkMessageProtobuf(new byte[]{0x0a, 0x00});

        assertEquals(WireFormat.JSON, invoke(transport, invocation).workMessageFormat().orElseThrow());
        assertEquals(0, RecordingTargetResource.server.calls().size());
    }

    /** The Envelope the ESB sent goes to the target byte for byte: the gateway does not decode it to encode it again. */
    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void aProtobufRouteReceivesTheEnvelopeAsSent(String transport) {
        WorkMessage chain = WorkMessage.builder().item(0, Request.http("echo-chain-proto", "/b", "POST", "{}")).build();
        byte[] envelope = MessageCodec.encode(chain, WireFormat.PROTOBUF);

        InvocationOutcome outcome = invoke(transport,
                new Invocation(chain.hash(), 0, 0, chain.items().get(0).request(), null, null)
                        .withWorkMessageProtobuf(envelope));

        assertEquals(OutcomeStatus.COMPLETED, outcome.status(), () -> String.valueOf(outcome));
        RecordingHttpServer.Call call = RecordingTargetResource.server.calls().get(0);
        assertEquals("application/x-protobuf", call.header("Content-Type"));
        assertArrayEquals(envelope, call.bodyBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void secretsInUrlsNeverReachTheReason(String transport) {
        // allowed.example is on the allow-list but resolves nowhere: a retryable connection failure.
        InvocationOutcome outcome = invoke(transport, "http://user:s3cret@allowed.example", "/x?token=t0ken", "GET",
                null);

        assertEquals(OutcomeStatus.FAILED, outcome.status());
        assertEquals(FailureKind.UNREACHABLE, outcome.kind(), outcome.reason());
        assertTrue(outcome.retryable(), outcome.reason());
        assertTrue(outcome.reason().contains("allowed.example/x?..."), outcome.reason());
        assertFalse(outcome.reason().contains("s3cret"), outcome.reason());
        assertFalse(outcome.reason().contains("t0ken"), outcome.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void httpsWithTheConfiguredTrust(String transport) {
        RecordingTargetResource.tlsServer.reset();
        InvocationOutcome outcome = invoke(transport, "secure", "/api/tls", "POST", "{\"text\":\"tls\"}");

        assertEquals(OutcomeStatus.COMPLETED, outcome.status(), () -> String.valueOf(outcome));
        assertEquals("{\"echo\":\"{\\\"text\\\":\\\"tls\\\"}\"}", outcome.response().data());
        assertEquals("/api/tls", RecordingTargetResource.tlsServer.calls().get(0).path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void httpsWithAnUntrustedCertificateFails(String transport) {
        InvocationOutcome outcome = invoke(transport, "untrusted", "/api/tls", "GET", null);

        assertEquals(OutcomeStatus.FAILED, outcome.status(), () -> String.valueOf(outcome));
        assertTrue(outcome.reason().startsWith("could not reach https://127.0.0.1:"), outcome.reason());
        assertEquals(0, RecordingTargetResource.untrustedServer.calls().size(), "no request got through");
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void badRequestIsNotRetryable(String transport) {
        InvocationOutcome outcome = invoke(transport, "echo", "/x", "FETCH", null);
        assertEquals(OutcomeStatus.FAILED, outcome.status());
        assertEquals(FailureKind.BAD_REQUEST, outcome.kind());
        assertFalse(outcome.retryable());
        assertTrue(outcome.reason().startsWith("bad request: request.method must be one of"), outcome.reason());
        assertNull(outcome.response());
        assertEquals(0, RecordingTargetResource.server.calls().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "rest"})
    void aServiceGetsACallbackTokenForItsItemThatExpiresWithTheItem(String transport) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        long before = System.currentTimeMillis();
        InvocationOutcome outcome = invoke(transport, new Invocation(HASH, 2, 1,
                Request.http("echo", "/status/202", "POST", "{}"), null, null).withDeadline(deadline));

        assertEquals(OutcomeStatus.ACCEPTED, outcome.status());
        RecordingHttpServer.Call call = RecordingTargetResource.server.calls().get(0);
        assertEquals("https://workchain.example/callbacks/" + HASH + "/2/1", call.header(CallbackHeaders.URL));
        CallbackSigner notifiers = CallbackSigner.of(Optional.of(RecordingTargetResource.CALLBACK_KEY)).orElseThrow();
        CallbackToken token = notifiers.verify(call.header(CallbackHeaders.TOKEN), HASH, 2, 1, deadline - 1);
        assertEquals(deadline, token.expiresAt(), "the token expires at the item's deadline");
        assertTrue(token.issuedAt() >= before && token.issuedAt() <= System.currentTimeMillis());
        CallbackSigner otherKey = CallbackSigner.of(Optional.of(RecordingTargetResource.CALLBACK_KEY + "x"))
                .orElseThrow();
        assertThrows(CallbackRefusedException.class,
                () -> otherKey.verify(call.header(CallbackHeaders.TOKEN), HASH, 2, 1, deadline - 1));
    }

    private InvocationOutcome invoke(String transport, String url, String endpoint, String method, String payload) {
        return invoke(transport, new Invocation(HASH, 2, 1, Request.http(url, endpoint, method, payload),
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null));
    }

    private InvocationOutcome invoke(String transport, Invocation invocation) {
        if (transport.equals("grpc")) {
            return GatewayProtoMapper.fromProto(grpc.invoke(GatewayProtoMapper.toProto(invocation))
                    .await().atMost(Duration.ofSeconds(30)));
        }
        return given().contentType(ContentType.JSON).body(invocation)
                .when().post("/invoke")
                .then().statusCode(200).extract().as(InvocationOutcome.class);
    }
}
