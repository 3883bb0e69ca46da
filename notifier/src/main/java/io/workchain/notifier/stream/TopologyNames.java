package io.workchain.notifier.stream;

/** Names in the topology. */
public final class TopologyNames {

    /** The chain states: key hash, changelogged to Kafka. */
    public static final String CHAINS_STORE = "chains";
    /** Each chain's next timer, ordered by time (see ChainTimers). */
    public static final String TIMERS_STORE = "chain-timers";
    /** The chains' summaries, newest first: what a listing reads (ChainIndex). */
    public static final String INDEX_STORE = "chain-index";

    static final String WORK_SOURCE = "work-source";
    static final String NOTIFICATION_SOURCE = "notification-source";
    static final String CONTROL_SOURCE = "control-source";
    static final String FOLD = "fold";
    static final String WORK_SINK = "work-sink";
    static final String STEPS_SINK = "steps-sink";
    static final String NOTIFICATION_SINK = "notification-sink";
    static final String COMPLETION_SINK = "completion-sink";
    static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private TopologyNames() {}
}
