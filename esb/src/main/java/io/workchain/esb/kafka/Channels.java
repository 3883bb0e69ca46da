package io.workchain.esb.kafka;

/** Reactive Messaging channel names (topics are set in application.properties). */
public final class Channels {

    /** From the steps topic: every step the ESB runs, a chain's first included. */
    public static final String STEPS = "steps";
    /** To the notification topic. */
    public static final String NOTIFICATIONS = "notifications";
    /** To the dead-letter topic. */
    public static final String DEAD_LETTER = "dead-letter";

    private Channels() {}
}
