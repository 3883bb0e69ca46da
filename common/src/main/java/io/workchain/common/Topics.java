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

    public static final List<String> ALL = List.of(WORK, STEPS, NOTIFICATION, COMPLETION, DEAD_LETTER);

    private Topics() {
    }
}
