package io.workchain.demo.kafka;

/** Reactive Messaging channel names (topics are set in application.properties). */
public final class Channels {

    /** To the notification topic: notifications of the asynchronous endpoint. */
    public static final String NOTIFICATIONS = "notifications";

    private Channels() {
    }
}
