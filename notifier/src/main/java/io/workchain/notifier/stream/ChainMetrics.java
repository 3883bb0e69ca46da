package io.workchain.notifier.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.workchain.common.message.ChainStatus;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the notifier counts, for operators (docs/operations.md, "Metrics"): chains started, retried
 * and ended (completed, failed, timed out, cancelled), how long chains and steps took (histograms
 * with SLO buckets), and dead letters by reason class. Tags are bounded sets (status, outcome,
 * class): never a hash.
 */
public final class ChainMetrics {

    /** The SLO buckets of the duration histograms: a step is one service call, a chain several. */
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1)};

    /** Why a record went to the dead-letter topic, in a few words (the reason itself is in the record's headers). */
    public enum DeadLetterClass {
        MALFORMED, REFUSED, EXPIRED, ERROR
    }

    private final Counter started;
    private final Counter retried;
    private final Map<String, Counter> ended = new ConcurrentHashMap<>();
    private final Map<String, Timer> chainDurations = new ConcurrentHashMap<>();
    private final Timer stepDuration;
    private final Map<DeadLetterClass, Counter> deadLetters = new EnumMap<>(DeadLetterClass.class);
    private final MeterRegistry registry;
    private final Counter workPutInPlace;
    private final Counter notificationsPutInPlace;

    public ChainMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.started = Counter.builder("workchain.chains.started")
                .description("Chains whose work message the notifier accepted")
                .register(registry);
        this.stepDuration = Timer.builder("workchain.step.duration")
                .description("From a step's dispatch to its last answer").serviceLevelObjectives(BUCKETS)
                .register(registry);
        for (DeadLetterClass reason : DeadLetterClass.values()) {
            deadLetters.put(reason, Counter.builder("workchain.dead.letters").tag("service", "notifier")
                    .tag("class", reason.name().toLowerCase(Locale.ROOT))
                    .description("Records kept in the dead-letter topic")
                    .register(registry));
        }
        workPutInPlace = placed("work");
        notificationsPutInPlace = placed("notification");
        for (String outcome : new String[]{"completed", "failed", "timed_out", "cancelled"}) {
            ended(outcome);
            chainDuration(outcome);
        }
        this.retried = Counter.builder("workchain.chains.retried")
                .description("Failed chains an operator ran again (each a new attempt)").register(registry);
    }

    void chainStarted() {
        started.increment();
    }

    /** An operator's retry started a failed chain's next attempt. */
    void chainRetried() {
        retried.increment();
    }

    /** A chain ended: how, and how long after it was accepted. */
    void chainEnded(ChainStatus status, boolean timedOut, long durationMs) {
        String outcome = timedOut ? "timed_out" : switch (status == null ? ChainStatus.FAILED : status) {
            case COMPLETED -> "completed";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
        };
        ended(outcome).increment();
        chainDuration(outcome).record(Duration.ofMillis(Math.max(0, durationMs)));
    }

    /** A record read out of place (keyed otherwise, or placed by another partitioner) was put back in place. */
    void putInPlace(boolean work) {
        (work ? workPutInPlace : notificationsPutInPlace).increment();
    }

    private Counter placed(String topic) {
        return Counter.builder("workchain.records.put.in.place").tag("topic", topic)
                .description("Records read off their chain's partition or key, written again keyed by their hash")
                .register(registry);
    }

    void stepDone(long durationMs) {
        stepDuration.record(Duration.ofMillis(Math.max(0, durationMs)));
    }

    void deadLettered(DeadLetterClass reason) {
        deadLetters.get(reason).increment();
    }

    private Counter ended(String outcome) {
        return ended.computeIfAbsent(outcome, o -> Counter.builder("workchain.chains.ended").tag("outcome", o)
                .description("Chains that ended, by outcome").register(registry));
    }

    private Timer chainDuration(String outcome) {
        return chainDurations.computeIfAbsent(outcome, o -> Timer.builder("workchain.chain.duration").tag("outcome", o)
                .description("From a chain's acceptance to its completion message").serviceLevelObjectives(BUCKETS)
                .register(registry));
    }
}
