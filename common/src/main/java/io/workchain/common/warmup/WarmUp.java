package io.workchain.common.warmup;

import io.workchain.common.warmup.WarmUpReport.JitWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A service's own per-chain code run on made-up messages, in the background, before the service
 * reports ready. A fresh JVM interprets that code until the JIT has seen it often enough to compile
 * it, and on two shared cores the first chains after a start queue behind the compiler (issue 22:
 * the first seconds ran at many times the warm latency). Running the paths here moves that work
 * before readiness, so a rollout, a KEDA scale-up or the run script sends work only after it.
 *
 * <p>
 * A round must have no side effect: no record read or written, no call made, nothing kept. The
 * rounds stop after {@code rounds} or {@code limit}, whichever comes first; then, within the same
 * limit, the warm-up waits for the JIT to compile what they queued ({@link CompilerQuiet}). A round
 * that throws ends it early (logged): it is an optimisation and never keeps a service from being
 * ready.
 */
public final class WarmUp {

    /**
     * Rounds at most, by default: about what the JIT needs to compile a path fully (C2 compiles a
     * method after some ten thousand calls), a few seconds of one core on a fresh JVM.
     */
    public static final int DEFAULT_ROUNDS = 20_000;
    /** How long at most, by default: a service is ready within it whatever the machine. */
    public static final String DEFAULT_LIMIT = "15s";
    /** A longer limit is taken as this: a warm-up that ran for hours would be a mistake in the settings. */
    static final Duration MAX_LIMIT = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Runnable round;
    private volatile WarmUpReport report;

    private WarmUp(Runnable round) {
        this.round = round;
    }

    /** Starts the warm-up on a daemon thread of its own and returns at once. */
    public static WarmUp inBackground(String service, Runnable round, int rounds, Duration limit) {
        WarmUp warmUp = new WarmUp(round);
        Thread thread = new Thread(() -> {
            // Whatever ends the thread, readiness must not stay DOWN for ever: finish in any case.
            WarmUpReport result = new WarmUpReport(0, rounds, Duration.ZERO, Duration.ZERO, JitWait.SKIPPED,
                    "the warm-up thread ended abruptly");
            try {
                result = run(service, round, rounds, limit);
            } finally {
                warmUp.finish(result);
            }
        }, service + "-warm-up");
        thread.setDaemon(true);
        thread.start();
        return warmUp;
    }

    /** Runs the warm-up on the calling thread (what {@link #inBackground} runs). */
    public static WarmUpReport run(String service, Runnable round, int rounds, Duration limit) {
        long start = System.nanoTime();
        long deadline = start + (limit.compareTo(MAX_LIMIT) > 0 ? MAX_LIMIT : limit).toNanos();
        int done = 0;
        String failure = null;
        try {
            while (done < rounds && System.nanoTime() < deadline) {
                round.run();
                done++;
            }
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warn("{} warm-up stopped after {} rounds; the service starts anyway", service, done, e);
        }
        Duration ran = Duration.ofNanos(System.nanoTime() - start);
        JitWait jitWait = done > 0 && failure == null ? CompilerQuiet.await(deadline) : JitWait.SKIPPED;
        WarmUpReport report = new WarmUpReport(done, rounds, ran,
                Duration.ofNanos(System.nanoTime() - start).minus(ran),
                jitWait, failure);
        LOG.info("{} warm-up: {}{}", service, report, round instanceof IoPathRound io ? "; " + io.describe() : "");
        return report;
    }

    private void finish(WarmUpReport result) {
        this.report = result;
        finished.countDown();
    }

    /** Whether the warm-up has ended (all rounds, the time limit, or a failure). */
    public boolean done() {
        return finished.getCount() == 0;
    }

    /** How it went, once it has ended. */
    public Optional<WarmUpReport> report() {
        return Optional.ofNullable(report);
    }

    /**
     * Once the warm-up has ended, the calls its round made over the service's I/O path (an
     * {@link IoPathRound}): how many, how long each, whether a failure ended them.
     */
    public Optional<String> calls() {
        return done() && round instanceof IoPathRound io ? Optional.of(io.describe()) : Optional.empty();
    }

    /** Waits for the end of the warm-up; true if it ended within {@code timeout}. */
    public boolean await(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
