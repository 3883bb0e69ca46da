package io.workchain.notifier.stream;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Says when the fold asks Kafka Streams to commit at once ({@code ProcessorContext.commit()}) rather
 * than at the end of the commit interval: after a record that found the notifier idle, that is,
 * that came at least {@code idle} after the record before it, on any of its partitions.
 *
 * <p>Why: under exactly-once nothing the fold forwards is seen before its transaction commits, and
 * the stream thread commits only once the interval ({@code kafka-streams.commit.interval.ms}) has
 * passed since its last commit. A record arriving at a quiet moment waited for the rest of that
 * interval (half of it on average) before its commit began: at the admission and again at the fold,
 * in every chain at a low rate. Under load records come closer together than {@code idle}, and the
 * interval alone decides, so the commits stay as few as it allows (a commit per pass was measured
 * to halve the maximum: docs/performance.md). A requested commit happens right after the pass that
 * processed the record, and under exactly-once it commits every task of the thread, as the interval's does.
 *
 * <p>One for all the fold's processors (a task per partition, each with its own): the gap that
 * counts is the notifier's, not one partition's, whose records are only a share of the load.
 * Called on the stream threads.
 */
final class PromptCommits {

    private final long idleMillis;
    /** When the record before came (the stream threads' clock); long ago before the first. */
    private final AtomicLong lastRecordAt = new AtomicLong(Long.MIN_VALUE / 2);

    /** {@code idle}: zero turns prompt commits off (the interval alone decides, as Kafka Streams does). */
    PromptCommits(Duration idle) {
        if (idle.isNegative()) {
            throw new IllegalArgumentException("the idle gap before a prompt commit cannot be negative: " + idle);
        }
        this.idleMillis = idle.toMillis();
    }

    /**
     * Notes a record that came at {@code nowMillis}, and says whether to commit at once after it:
     * whether it came at least the idle gap after the one before (the first one always does).
     */
    boolean commitAfter(long nowMillis) {
        long before = lastRecordAt.getAndSet(nowMillis);
        return idleMillis > 0 && nowMillis - before >= idleMillis;
    }
}
