package io.workchain.common.limits;

import java.time.Duration;

/**
 * The one rule for when a chain and an item are over, shared by the ESB (which stops holding an
 * item's work then) and the notifier (which fails the item or the chain then), so that no item is
 * called after its chain has failed and no outage is held past the time its item fails.
 * <ul>
 *   <li>a chain: its acceptance plus its {@code timeout_ms} (else the default), at most the cap;</li>
 *   <li>an item: its step's dispatch plus its {@code timeout_ms} (else the default), never past its
 *       chain's deadline.</li>
 * </ul>
 */
public final class Deadlines {

    /** A chain's time when its work message names none. */
    public static final String DEFAULT_CHAIN_TIMEOUT = "1h";
    /** The most any chain may ask for. */
    public static final String MAX_CHAIN_TIMEOUT = "1d";
    /** An item's time from its step's dispatch when it names none. */
    public static final String DEFAULT_ITEM_TIMEOUT = "10m";

    private Deadlines() {}

    /** Epoch ms at which a chain accepted at {@code acceptedAt} is over. */
    public static long chainDeadline(long acceptedAt, Long timeoutMs, Duration defaultTimeout, Duration maxTimeout) {
        long asked = timeoutMs != null ? timeoutMs : defaultTimeout.toMillis();
        return plus(acceptedAt, Math.min(asked, maxTimeout.toMillis()));
    }

    /** Epoch ms at which an item dispatched at {@code dispatchedAt} is over. */
    public static long itemDeadline(long dispatchedAt, Long timeoutMs, Duration defaultTimeout, long chainDeadline) {
        long asked = timeoutMs != null ? timeoutMs : defaultTimeout.toMillis();
        return Math.min(chainDeadline, plus(dispatchedAt, asked));
    }

    private static long plus(long at, long millis) {
        long sum = at + millis;
        return sum < at ? Long.MAX_VALUE : sum;
    }
}
