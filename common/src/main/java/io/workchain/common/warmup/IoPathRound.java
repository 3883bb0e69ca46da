package io.workchain.common.warmup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * A warm-up round that, every {@code every}-th time, also makes one call without side effect over
 * the service's own I/O path: the ESB's channel to the gateway, the gateway's HTTP client. Made-up
 * messages warm a service's own code; what the first chains after a restart still waited on was the
 * code a call runs (issue 22: gRPC and Netty, the HTTP client, on both ends), which only a call
 * takes.
 *
 * <p>
 * The call answers whether it was made ({@code false}: not possible yet, say a server not yet
 * listening, and tried again at the next turn). The peer may be down or not started yet (a rollout
 * starts services in any order): the first call that throws ends the calls for this warm-up, logged
 * once, and the code rounds go on. Used by the warm-up's one thread only.
 */
public final class IoPathRound implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(IoPathRound.class);

    private final String path;
    private final Runnable round;
    private final BooleanSupplier call;
    private final int every;
    private long turns;
    private int calls;
    private long callNanos;
    private boolean stopped;

    /**
     * @param path what the calls go through, for the log ("the gateway over gRPC")
     * @param round the service's own round, run every time
     * @param call one call; throws if it failed, answers false if it could not be made yet
     * @param every a call every so many rounds (1: every round)
     */
    public IoPathRound(String path, Runnable round, BooleanSupplier call, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("a call every " + every + " rounds: must be 1 or more");
        }
        this.path = path;
        this.round = round;
        this.call = call;
        this.every = every;
    }

    @Override
    public void run() {
        round.run();
        if (stopped || turns++ % every != 0) {
            return;
        }
        long start = System.nanoTime();
        try {
            if (call.getAsBoolean()) {
                calls++;
                callNanos += System.nanoTime() - start;
            }
        } catch (RuntimeException e) {
            stopped = true;
            LOG.info("warm-up calls to {} stopped after {}: {} (the service's own rounds go on)", path, calls,
                    e.toString());
        }
    }

    /** Calls made so far. */
    public int calls() {
        return calls;
    }

    /** For the warm-up's log line: how many calls went through, and whether they stopped. */
    String describe() {
        String each = calls == 0 ? "" : String.format(Locale.ROOT, " (%.2f ms each)", callNanos / 1e6 / calls);
        return calls + " calls to " + path + each + (stopped ? ", stopped by a failure" : "");
    }

    /** Whether a call failed, which ended the calls. */
    public boolean stopped() {
        return stopped;
    }
}
