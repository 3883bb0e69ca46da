package io.workchain.esb.service;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatcher's rules at the seam, with a stub in place of the gateway (the real gateway is
 * exercised over gRPC and REST in the gateway's and the e2e tests): a service's retryable answers
 * are retried a bounded number of times, other failures are final, outages are waited out until
 * the deadline (a gateway that never answers included), and a bad placeholder fails the item
 * without a call.
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

    @Test
    void aRetryableAnswerIsRetriedThenSucceeds() {
        Optional<NotificationMessage> result = dispatch(answers(failed(true, 503), failed(true, 503), completed()), 0, FAR);

        assertEquals(3, calls.get());
        assertFalse(result.orElseThrow().items().get(0).response().failed());
    }

    @Test
    void aRetryableAnswerIsRetriedAtMostMaxRetriesTimes() {
        Optional<NotificationMessage> result = dispatch(() -> Uni.createFrom().item(failed(true, 503)), 0, FAR);

        assertEquals(1 + 3, calls.get());
        Response response = result.orElseThrow().items().get(0).response();
        assertTrue(response.failed());
        assertTrue(response.data().endsWith("(gave up after 4 attempts)"), response.data());
    }

    @Test
    void aNonRetryableAnswerIsFinal() {
        Response response = dispatch(answers(failed(false, 404)), 0, FAR).orElseThrow().items().get(0).response();

        assertEquals(1, calls.get());
        assertTrue(response.failed());
        assertTrue(response.metadata().contains("\"retryable\":false"), response.metadata());
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
    void anOutageFailsTheItemOnlyAtTheDeadline() {
        long deadline = System.currentTimeMillis() + 300;
        Response response = dispatch(() -> Uni.createFrom().failure(new GatewayUnavailableException("gateway down", null)),
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
        Response response = dispatch(() -> Uni.createFrom().item(unreachable()), 0, FAR).orElseThrow().items().get(0).response();

        assertTrue(response.failed());
        assertTrue(response.data().contains("this target has never answered"), response.data());
        assertTrue(response.metadata().contains("\"retryable\":false"), response.metadata());
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
        Response response = dispatch(() -> Uni.createFrom().failure(unavailable()), 0, FAR).orElseThrow().items().get(0).response();

        assertTrue(response.data().contains("still unreachable at the item's deadline"), response.data());
        assertTrue(System.currentTimeMillis() - started < 3_000);
    }

    @Test
    void aGatewayThatNeverAnswersTimesOutAndIsTriedAgain() {
        attemptTimeout = Duration.ofMillis(50);
        Supplier<Uni<InvocationOutcome>> silentThenAnswer = answers(Uni.createFrom().nothing(), Uni.createFrom().nothing(),
                Uni.createFrom().item(completed()));
        Optional<NotificationMessage> result = dispatch(silentThenAnswer, 0, FAR);

        assertEquals(3, calls.get(), "each silent attempt ends at the attempt timeout; the third answers");
        assertFalse(result.orElseThrow().items().get(0).response().failed());
    }

    @Test
    void aGatewayThatNeverAnswersFailsTheItemAtTheDeadline() {
        attemptTimeout = Duration.ofMillis(50);
        long deadline = System.currentTimeMillis() + 400;
        Response response = dispatch(() -> Uni.createFrom().nothing(), 0, deadline).orElseThrow().items().get(0).response();

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
        dispatch(answers(InvocationOutcome.failed(true, "HTTP 503", 503), completed()), 0, FAR, retried);
        assertFalse(retried.isHeldAside(), "a service's retry keeps its slot: it is work, not waiting");
    }

    private Optional<NotificationMessage> dispatch(Supplier<Uni<InvocationOutcome>> gateway, int index, long deadline) {
        return dispatch(gateway, index, deadline, RecordSlot.kept());
    }

    private Optional<NotificationMessage> dispatch(Supplier<Uni<InvocationOutcome>> gateway, int index, long deadline,
                                                   RecordSlot slot) {
        GatewayClient client = new GatewayClient((Invocation invocation) -> {
            calls.incrementAndGet();
            return gateway.get();
        });
        ItemDispatcher dispatcher = new ItemDispatcher(client, new InFlightLimiter(4, registry), circuit, config(), registry,
                targets);
        return dispatcher.dispatch(WORK, null, index, null, new StepClock(System.currentTimeMillis(), deadline, itemTimeout),
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
            return next instanceof Throwable error ? Uni.createFrom().failure(error)
                    : Uni.createFrom().item((InvocationOutcome) next);
        };
    }

    private static InvocationOutcome completed() {
        return InvocationOutcome.completed(Response.success("{\"ok\":1}", null), 200, "application/json");
    }

    private static InvocationOutcome failed(boolean retryable, int status) {
        return InvocationOutcome.failed(retryable, "HTTP " + status, status);
    }

    /** The target could not be reached: no HTTP answer at all. */
    private static InvocationOutcome unreachable() {
        return InvocationOutcome.failed(true, "could not reach http://demo: ConnectException", 0);
    }

    private static Throwable unavailable() {
        return new GatewayUnavailableException("gateway unreachable over gRPC: UNAVAILABLE", null);
    }

    private EsbConfig config() {
        Duration attempt = attemptTimeout;
        Duration grace = unreachableGrace;
        return new EsbConfig() {
            public Transport gatewayTransport() { return Transport.GRPC; }
            public int maxInFlight() { return 4; }
            public int maxConcurrentRecords() { return 4; }
            public Duration attemptTimeout() { return attempt; }
            public Duration stallAfter() { return Duration.ofSeconds(60); }
            public Duration outageMaxBackoff() { return Duration.ofMillis(40); }
            public Duration unreachableGrace() { return grace; }
            public Retry retry() {
                return new Retry() {
                    public int maxRetries() { return 3; }
                    public Duration initialBackoff() { return Duration.ofMillis(5); }
                    public Duration maxBackoff() { return Duration.ofMillis(20); }
                    public double jitter() { return 0.5; }
                };
            }
            public Held held() {
                return new Held() {
                    public int maxRecords() { return 10; }
                    public long maxBytes() { return 1_000_000; }
                };
            }
            public Limits limits() {
                return new Limits() {
                    public int maxItems() { return 100; }
                    public int maxPayloadChars() { return 65_536; }
                    public int maxResponseChars() { return 262_144; }
                    public int maxRecordBytes() { return 1_000_000; }
                };
            }
        };
    }
}
