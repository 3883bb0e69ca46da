package io.workchain.esb.service;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.GatewayProtoMapper;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.WorkMessage;
import io.workchain.esb.client.GatewayClient;
import io.workchain.esb.client.GatewayUnavailableException;
import io.workchain.esb.config.EsbConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatcher's rules at the seam, with a stub in place of the gateway (the real gateway is
 * exercised over gRPC and REST in the gateway's and the e2e tests): a service's retryable answers
 * are retried a bounded number of times, other failures are final, outages are waited out until
 * the deadline (a gateway that never answers included), a bad placeholder fails the item
 * without a call, and the chain goes only to a route that asks for it, in the format it asks.
 */
class ItemDispatcherTest {

    private static final WorkMessage WORK = WorkMessage.builder()
            .item(0, Request.http("demo", "/a", "POST", "{}"))
            .item(1, Request.http("demo", "/b", "POST", "{\"text\":\"{{item:99999999999}}\"}"))
            .build().withResponse(0, Response.success("{}", null));
    private static final long FAR = Long.MAX_VALUE;

    private final AtomicInteger calls = new AtomicInteger();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayCircuit circuit = new GatewayCircuit(registry);
    private Duration attemptTimeout = Duration.ofSeconds(5);
    private Duration unreachableGrace = Duration.ofSeconds(30);
    private Duration itemTimeout = Duration.ofMinutes(10);
    private final TargetsSeen targets = new TargetsSeen();
    private final WorkMessageRoutes routes = new WorkMessageRoutes();
    /** What the stub gateway was sent, in order. */
    private final List<Invocation> sent = new CopyOnWriteArrayList<>();

    @Test
    void aRetryableAnswerIsRetriedThenSucceeds() {
        Optional<NotificationMessage> result = dispatch(
                answers(failed(FailureKind.RETRYABLE, 503), failed(FailureKind.RETRYABLE, 503), completed()), 0, FAR);

        assertEquals(3, calls.get());
        assertFalse(result.orElseThrow().items().get(0).response().failed());
    }

    @Test
    void aRetryableAnswerIsRetriedAtMostMaxRetriesTimes() {
        Optional<NotificationMessage> result = dispatch(() -> Uni.createFrom().item(failed(FailureKind.RETRYABLE, 503)),
                0, FAR);

        assertEquals(1 + 3, calls.get());
        Response response = result.orElseThrow().items().get(0).response();
        assertTrue(response.failed());
        assertTrue(response.data().endsWith("(gave up after 4 attempts)"), response.data());
    }

    @Test
    void aNonRetryableAnswerIsFinal() {
        Response response = dispatch(answers(failed(FailureKind.FINAL, 404)), 0, FAR).orElseThrow().items().get(0)
                .response();

        assertEquals(1, calls.get());
        assertTrue(response.failed());
        assertEquals("{\"retryable\":false,\"attempts\":1,\"kind\":\"final\",\"status\":404}", response.metadata());
        assertEquals(1.0, registry.counter("workchain.esb.items", "outcome", "FAILED", "kind", "final").count());
    }

    @Test
    void anOutageIsWaitedOutBeyondTheRetriesAndClosesTheCircuit() {
        Supplier<Uni<InvocationOutcome>> outageThenAnswer = answers(unavailable(), unavailable(), unreachable(),
                unavailable(), unavailable(), unreachable(), completed());
        Optional<NotificationMessage> result = dispatch(outageThenAnswer, 0, FAR);

        assertEquals(7, calls.get(), "six outage attempts, more than max-retries, then the answer");
        assertFalse(result.orElseThrow().items().get(0).response().failed());
        assertFalse(circuit.isOpen());
    }

    @Test
    void aCallTheGatewayHeldBackIsWaitedOutWithoutOpeningTheGatewayCircuit() {
        InvocationOutcome held = failed(FailureKind.CANCELLED, 0);
        AtomicBoolean openWhileHeld = new AtomicBoolean();
        Supplier<Uni<InvocationOutcome>> heldThenAnswer = answers(held, held, held, held, held, completed());
        Optional<NotificationMessage> result = dispatch(() -> {
            if (circuit.isOpen()) {
                openWhileHeld.set(true);
            }
            return heldThenAnswer.get();
        }, 0, FAR);

        assertFalse(result.orElseThrow().items().get(0).response().failed(), "held back, waited out, then done");
        assertEquals(6, calls.get(), "five calls held back, more than max-retries, then the answer");
        assertFalse(openWhileHeld.get(), "a route's limit is not an outage of the gateway");
        assertEquals(5.0, registry.counter("workchain.esb.retries", "kind", "held").count());
        assertEquals(0.0, registry.counter("workchain.esb.retries", "kind", "outage").count());
    }

    @Test
    void anOutageFailsTheItemOnlyAtTheDeadline() {
        long deadline = System.currentTimeMillis() + 300;
        Response response = dispatch(
                () -> Uni.createFrom().failure(new GatewayUnavailableException("gateway down", null)),
                0, deadline).orElseThrow().items().get(0).response();

        assertTrue(System.currentTimeMillis() >= deadline - 50, "held until about the deadline");
        assertTrue(response.data().contains("still unreachable at the chain's deadline"), response.data());
        assertTrue(circuit.isOpen());
    }

    /** Issue 19, case 3: a target that never answers (a port nothing listens on) held its record to the deadline. */
    @Test
    void aTargetThatHasNeverAnsweredFailsAfterTheGrace() {
        unreachableGrace = Duration.ofMillis(150);
        long started = System.currentTimeMillis();
        Response response = dispatch(() -> Uni.createFrom().item(unreachable()), 0, FAR).orElseThrow().items().get(0)
                .response();

        assertTrue(response.failed());
        assertTrue(response.data().contains("this target has never answered"), response.data());
        assertTrue(response.metadata().contains("\"kind\":\"unreachable\""), response.metadata());
        assertTrue(System.currentTimeMillis() - started < 5_000, "failed after the grace, not at the deadline");
    }

    @Test
    void aTargetThatAnsweredBeforeIsHeldThroughItsOutage() {
        unreachableGrace = Duration.ofMillis(50);
        dispatch(answers(completed()), 0, FAR);
        Supplier<Uni<InvocationOutcome>> outage = answers(unreachable(), unreachable(), unreachable(), unreachable(),
                unreachable(), unreachable(), completed());
        long started = System.currentTimeMillis();
        Response response = dispatch(outage, 0, FAR).orElseThrow().items().get(0).response();

        assertFalse(response.failed(), response.data());
        assertTrue(System.currentTimeMillis() - started >= 50, "held past the grace");
    }

    /** Issue 19, case 5: the ESB held an outage to the chain's deadline while the item had failed at its own. */
    @Test
    void anOutageIsHeldNoLongerThanTheItemsOwnDeadline() {
        itemTimeout = Duration.ofMillis(300);
        long started = System.currentTimeMillis();
        Response response = dispatch(() -> Uni.createFrom().failure(unavailable()), 0, FAR).orElseThrow().items().get(0)
                .response();

        assertTrue(response.data().contains("still unreachable at the item's deadline"), response.data());
        assertTrue(System.currentTimeMillis() - started < 3_000);
    }

    @Test
    void aGatewayThatNeverAnswersTimesOutAndIsTriedAgain() {
        attemptTimeout = Duration.ofMillis(50);
        Supplier<Uni<InvocationOutcome>> silentThenAnswer = answers(Uni.createFrom().nothing(),
                Uni.createFrom().nothing(),
                Uni.createFrom().item(completed()));
        Optional<NotificationMessage> result = dispatch(silentThenAnswer, 0, FAR);

        assertEquals(3, calls.get(), "each silent attempt ends at the attempt timeout; the third answers");
        assertFalse(result.orElseThrow().items().get(0).response().failed());
    }

    @Test
    void aGatewayThatNeverAnswersFailsTheItemAtTheDeadline() {
        attemptTimeout = Duration.ofMillis(50);
        long deadline = System.currentTimeMillis() + 400;
        Response response = dispatch(() -> Uni.createFrom().nothing(), 0, deadline).orElseThrow().items().get(0)
                .response();

        assertTrue(calls.get() >= 2, "tried again after each timeout: " + calls.get());
        assertTrue(response.failed());
        assertTrue(response.data().contains("still unreachable at the chain's deadline"), response.data());
    }

    @Test
    void anAcceptedCallPublishesNothing() {
        assertTrue(dispatch(answers(InvocationOutcome.accepted(202)), 0, FAR).isEmpty());
    }

    @Test
    void aBadPlaceholderFailsTheItemWithoutACall() {
        Response response = dispatch(answers(completed()), 1, FAR).orElseThrow().items().get(0).response();

        assertEquals(0, calls.get());
        assertTrue(response.data().contains("names a number too large"), response.data());
    }

    /** Issue 19, case 3: an item that only waits out an outage gives its record's slot back. */
    @Test
    void anOutageWaitSetsTheRecordAsideAndAServiceRetryDoesNot() {
        RecordSlot waiting = new RecordSlot(new HeldWork(10, 1_000), 10);
        dispatch(answers(unavailable(), completed()), 0, FAR, waiting);
        assertTrue(waiting.isHeldAside(), "set aside while it waited");

        RecordSlot retried = new RecordSlot(new HeldWork(10, 1_000), 10);
        dispatch(answers(InvocationOutcome.failed(FailureKind.RETRYABLE, "HTTP 503", 503), completed()), 0, FAR,
                retried);
        assertFalse(retried.isHeldAside(), "a service's retry keeps its slot: it is work, not waiting");
    }

    @Test
    void everyFailureKindIsCountedAndSaidInTheMetadata() {
        for (FailureKind kind : FailureKind.values()) {
            assertEquals(0.0,
                    registry.counter("workchain.esb.items", "outcome", "FAILED", "kind", kind.label()).count(),
                    "registered before any item");
        }
        Response response = dispatch(answers(InvocationOutcome.failed(FailureKind.REFUSED, "target refused: no", 0)), 0,
                FAR)
                .orElseThrow().items().get(0).response();

        assertEquals("{\"retryable\":false,\"attempts\":1,\"kind\":\"refused\"}", response.metadata());
        assertEquals(1.0, registry.counter("workchain.esb.items", "outcome", "FAILED", "kind", "refused").count());
        dispatch(answers(completed()), 0, FAR);
        assertEquals(1.0, registry.counter("workchain.esb.items", "outcome", "COMPLETED", "kind", "none").count());
    }

    /** Issue 20, item 5: the chain went with every item; now only to a route that receives it whole. */
    @Test
    void aRouteThatAsksForTheChainGetsItOnTheSecondCallAndAtOnceLater() {
        WorkMessage work = chainWithRoutes();
        Function<Invocation, Uni<InvocationOutcome>> gateway = wantsChain(WireFormat.JSON);

        Response first = dispatch(work, gateway, 0, FAR, RecordSlot.kept()).orElseThrow().items().get(0).response();

        assertFalse(first.failed(), first.data());
        assertEquals(2, sent.size(), "asked, then sent with the chain");
        assertNull(sent.get(0).workMessage(), "no chain until the route asks");
        assertEquals(ChainBody.of(work).json(), sent.get(1).workMessage());
        assertFalse(sent.get(1).workMessage().contains("s3cret"), "credentials masked");
        assertEquals(sent.get(0).withWorkMessage(sent.get(1).workMessage()), sent.get(1),
                "the same invocation otherwise");

        sent.clear();
        Response later = dispatch(work, gateway, 1, FAR, RecordSlot.kept()).orElseThrow().items().get(0).response();
        assertFalse(later.failed(), later.data());
        assertEquals(1, sent.size(), "a later item of that route carries the chain at once");
        assertNotNull(sent.get(0).workMessage());
    }

    @Test
    void aPayloadRouteNeverCarriesTheChain() {
        WorkMessage work = chainWithRoutes();
        Function<Invocation, Uni<InvocationOutcome>> gateway = wantsChain(WireFormat.JSON);
        dispatch(work, gateway, 0, FAR, RecordSlot.kept());
        sent.clear();

        dispatch(work, gateway, 2, FAR, RecordSlot.kept());

        assertEquals(1, sent.size());
        assertNull(sent.get(0).workMessage());
        assertNull(sent.get(0).workMessageProtobuf());
    }

    @Test
    void aProtobufRouteGetsTheEnvelopeMadeFromTheMaskedChain() {
        WorkMessage work = chainWithRoutes();

        dispatch(work, wantsChain(WireFormat.PROTOBUF), 0, FAR, RecordSlot.kept());

        assertEquals(2, sent.size());
        assertNull(sent.get(1).workMessage());
        WorkMessage delivered = MessageCodec.decode(sent.get(1).workMessageProtobuf(),
                WireFormat.PROTOBUF.contentType(),
                WorkMessage.class);
        assertEquals(work.items().size(), delivered.items().size());
        assertFalse(delivered.items().get(3).request().url().contains("s3cret"),
                delivered.items().get(3).request().url());
        assertEquals(WireFormat.PROTOBUF, routes.format("chain-route").orElseThrow());
    }

    @Test
    void aRouteWhoseFormatChangedIsAskedAgain() {
        WorkMessage work = chainWithRoutes();
        dispatch(work, wantsChain(WireFormat.JSON), 0, FAR, RecordSlot.kept());
        sent.clear();

        Response response = dispatch(work, wantsChain(WireFormat.PROTOBUF), 1, FAR, RecordSlot.kept())
                .orElseThrow().items().get(0).response();

        assertFalse(response.failed(), response.data());
        assertEquals(2, sent.size(), "sent JSON at once, asked for protobuf, sent protobuf");
        assertNotNull(sent.get(0).workMessage());
        assertNotNull(sent.get(1).workMessageProtobuf());
        assertEquals(WireFormat.PROTOBUF, routes.format("chain-route").orElseThrow());
    }

    @Test
    void aGatewayThatKeepsAskingForTheChainFailsTheItem() {
        Response response = dispatch(chainWithRoutes(), invocation -> Uni.createFrom().item(
                InvocationOutcome.needsWorkMessage(WireFormat.JSON,
                        "route 'chain-route' receives the whole work message")),
                0, FAR, RecordSlot.kept()).orElseThrow().items().get(0).response();

        assertTrue(response.failed());
        assertEquals(3, sent.size(), "asked twice at most");
        assertTrue(response.metadata().contains("\"kind\":\"final\""), response.metadata());
    }

    /** Issue 20, item 5: a 95-item chain of about 855 KB went with every item, past the gateway's gRPC message size. */
    @Test
    void aLargeChainStaysOutOfItsPayloadRoutesInvocations() {
        String filler = "x".repeat(9_000);
        WorkMessage.Builder builder = WorkMessage.builder();
        for (int i = 0; i < 95; i++) {
            builder.item(0, Request.http("demo", "/api/text/count", "POST", "{\"text\":\"" + filler + i + "\"}"));
        }
        WorkMessage work = builder.build();

        Response response = dispatch(work, invocation -> Uni.createFrom().item(completed()), 94, FAR, RecordSlot.kept())
                .orElseThrow().items().get(0).response();

        assertFalse(response.failed(), response.data());
        assertTrue(ChainBody.of(work).json().length() > 850_000, "the chain is about 855 KB");
        int sentBytes = GatewayProtoMapper.toProto(sent.get(0)).getSerializedSize();
        assertTrue(sentBytes < 10_000, "the invocation holds its item only: " + sentBytes + " bytes");
    }

    /** Items 0 and 1 on a route that receives the chain, 2 on a payload route, 3 with credentials in its URL. */
    private static WorkMessage chainWithRoutes() {
        return WorkMessage.builder()
                .item(0, Request.http("chain-route", "/a", "POST", "{}"))
                .item(0, Request.http("chain-route", "/b", "POST", "{}"))
                .item(0, Request.http("demo", "/c", "POST", "{}"))
                .item(1, Request.amqp("amqp://user:s3cret@broker:5672", "queue", "{}"))
                .build();
    }

    /** A gateway whose route chain-route receives the whole work message in {@code format}. */
    private static Function<Invocation, Uni<InvocationOutcome>> wantsChain(WireFormat format) {
        return invocation -> {
            boolean carries = format == WireFormat.JSON
                    ? invocation.workMessage() != null
                    : invocation.workMessageProtobuf() != null;
            if (invocation.request().url().equals("chain-route") && !carries) {
                return Uni.createFrom().item(InvocationOutcome.needsWorkMessage(format,
                        "route 'chain-route' receives the whole work message"));
            }
            return Uni.createFrom().item(completed());
        };
    }

    private Optional<NotificationMessage> dispatch(Supplier<Uni<InvocationOutcome>> gateway, int index, long deadline) {
        return dispatch(gateway, index, deadline, RecordSlot.kept());
    }

    private Optional<NotificationMessage> dispatch(Supplier<Uni<InvocationOutcome>> gateway, int index, long deadline,
            RecordSlot slot) {
        return dispatch(WORK, invocation -> gateway.get(), index, deadline, slot);
    }

    private Optional<NotificationMessage> dispatch(WorkMessage work,
            Function<Invocation, Uni<InvocationOutcome>> gateway,
            int index, long deadline, RecordSlot slot) {
        GatewayClient client = new GatewayClient((Invocation invocation) -> {
            calls.incrementAndGet();
            sent.add(invocation);
            return gateway.apply(invocation);
        });
        ItemDispatcher dispatcher = new ItemDispatcher(client, new InFlightLimiter(4, registry), circuit, config(),
                registry,
                targets, routes);
        return dispatcher.dispatch(work, ChainBody.of(work), index, null,
                new StepClock(System.currentTimeMillis(), deadline, itemTimeout),
                slot).await().atMost(Duration.ofSeconds(10));
    }

    @SafeVarargs
    private static Supplier<Uni<InvocationOutcome>> answers(Object... outcomes) {
        Deque<Object> queue = new ArrayDeque<>(List.of(outcomes));
        return () -> {
            Object next = queue.size() > 1 ? queue.poll() : queue.peek();
            if (next instanceof Uni<?> uni) {
                @SuppressWarnings("unchecked")
                Uni<InvocationOutcome> answer = (Uni<InvocationOutcome>) uni;
                return answer;
            }
            return next instanceof Throwable error
                    ? Uni.createFrom().failure(error)
                    : Uni.createFrom().item((InvocationOutcome) next);
        };
    }

    private static InvocationOutcome completed() {
        return InvocationOutcome.completed(Response.success("{\"ok\":1}", null), 200, "application/json");
    }

    private static InvocationOutcome failed(FailureKind kind, int status) {
        return InvocationOutcome.failed(kind, "HTTP " + status, status);
    }

    /** The target could not be reached: no HTTP answer at all. */
    private static InvocationOutcome unreachable() {
        return InvocationOutcome.failed(FailureKind.UNREACHABLE, "could not reach http://demo: ConnectException", 0);
    }

    private static Throwable unavailable() {
        return new GatewayUnavailableException("gateway unreachable over gRPC: UNAVAILABLE", null);
    }

    private EsbConfig config() {
        Duration attempt = attemptTimeout;
        Duration grace = unreachableGrace;
        return new EsbConfig() {
            public Transport gatewayTransport() {
                return Transport.GRPC;
            }
            public int maxInFlight() {
                return 4;
            }
            public int maxConcurrentRecords() {
                return 4;
            }
            public Duration attemptTimeout() {
                return attempt;
            }
            public Duration stallAfter() {
                return Duration.ofSeconds(60);
            }
            public Duration outageMaxBackoff() {
                return Duration.ofMillis(40);
            }
            public Duration unreachableGrace() {
                return grace;
            }
            public Retry retry() {
                return new Retry() {
                    public int maxRetries() {
                        return 3;
                    }
                    public Duration initialBackoff() {
                        return Duration.ofMillis(5);
                    }
                    public Duration maxBackoff() {
                        return Duration.ofMillis(20);
                    }
                    public double jitter() {
                        return 0.5;
                    }
                };
            }
            public WarmUpSettings warmUp() {
                throw new UnsupportedOperationException("the dispatcher does not warm up");
            }
            public Held held() {
                return new Held() {
                    public int maxRecords() {
                        return 10;
                    }
                    public long maxBytes() {
                        return 1_000_000;
                    }
                };
            }
            public RecordLimits limits() {
                return new RecordLimits() {
                    public int maxItems() {
                        return 100;
                    }
                    public int maxPayloadChars() {
                        return 65_536;
                    }
                    public int maxResponseChars() {
                        return 262_144;
                    }
                    public int maxRecordBytes() {
                        return 1_000_000;
                    }
                };
            }
        };
    }
}
