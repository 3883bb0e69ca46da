package io.workchain.common.limits;

/**
 * The default bounds every service applies to what it reads and writes. Each is a setting of the
 * services ({@code workchain.limits.*}); these are the defaults, chosen so that every record the
 * system produces fits Kafka's default producer limit ({@code max.request.size}, 1 MiB).
 */
public final class Limits {

    /** Items in one work message (and answers in one notification). */
    public static final int MAX_ITEMS = 100;
    /** Characters of one request payload, as written and after placeholders are resolved. */
    public static final int MAX_PAYLOAD_CHARS = 65_536;
    /** Bytes of one service answer kept as response data; the gateway aborts a longer answer. */
    public static final int MAX_RESPONSE_BYTES = 262_144;
    /** Characters of any reason (failure data, error, dead-letter reason): longer ones are cut. */
    public static final int MAX_REASON_CHARS = 1_000;
    /**
     * Bytes of any record value the services produce (a chain's state and next step included):
     * below the producer's 1 MiB with room for headers and batch overhead.
     */
    public static final int MAX_RECORD_BYTES = 1_000_000;
    /** Depth of nesting in a JSON record: the messages need 6, hostile input may send thousands. */
    public static final int MAX_JSON_DEPTH = 64;

    private Limits() {}
}
