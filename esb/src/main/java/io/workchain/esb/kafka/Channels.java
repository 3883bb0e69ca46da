package io.workchain.esb.kafka;

/** Reactive Messaging channel names (topics are set in application.properties). */
public final class Channels {

    /** From the work topic. */
    public static final String WORK = "work";
    /** To the notification topic. */
    public static final String NOTIFICATIONS = "notifications";
    /** To the dead-letter topic. */
    public static final String DEAD_LETTER = "dead-letter";

    private Channels() {
    }
}
