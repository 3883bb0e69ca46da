package io.workchain.common;

import java.util.List;

/**
 * The default topic names. Every service reads the actual names from configuration
 * ({@code workchain.topics.*}); these are the defaults, and what the local broker creates.
 */
public final class Topics {

    public static final String WORK = "workchain.work";
    /**
     * Next steps, written only by the notifier and read only by the ESB: the one place responses
     * inside a work message are trusted (a client can write the work topic, not this one).
     */
    public static final String STEPS = "workchain.steps";
    public static final String NOTIFICATION = "workchain.notification";
    public static final String COMPLETION = "workchain.completion";
    public static final String DEAD_LETTER = "workchain.dlq";
    /**
     * Operators' requests to retry or cancel a chain, keyed by its hash: written and read only by
     * the notifier (its HTTP endpoints ask, its fold decides, in the transaction that writes what
     * follows). A topic of its own, not a header on the work topic, because clients may write the
     * work topic: on its own topic, only the notifier's role can act on someone's chain.
     */
    public static final String CONTROL = "workchain.control";

    public static final List<String> ALL = List.of(WORK, STEPS, NOTIFICATION, COMPLETION, DEAD_LETTER, CONTROL);

    private Topics() {}
}
