package io.workchain.notifier.stream;

import org.apache.kafka.streams.processor.api.Record;

/**
 * What one fold is about, passed along instead of kept in fields between folds: the record that
 * triggered it (null for a timer), where it came from (as dead letters name it), the traceparent
 * it came with (its item's span, for a notification) and the fold's own span's, which everything
 * the fold writes carries so the chain stays one trace; and whether an operator asked for it (a
 * control record: what it starts or ends is no step's answer, nor counted as one).
 */
record FoldTrigger(Record<String, byte[]> record, String origin, String incomingTraceparent, String foldTraceparent,
        boolean byOperator) {

    /** Where a dead letter born of a timer (an expired early notification) comes from. */
    static final String TIMER_ORIGIN = "notifier-timer";

    static FoldTrigger timer() {
        return new FoldTrigger(null, TIMER_ORIGIN, null, null, false);
    }

    boolean byTimer() {
        return record == null;
    }
}
