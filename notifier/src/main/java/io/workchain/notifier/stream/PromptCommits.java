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
 * <p>The record before must have come after such a gap too: at a steady low rate every record does,
 * while under load a quiet moment is the pause between two bursts (a closed loop's clients answer
 * completions that one commit made visible at once), and the first record of a burst is followed by
 * the rest of it: committing it alone made smaller transactions, and the maximum fell by 15-20% in
 * two runs (docs/performance.md).
 *
 * <p>The record must also be fresh: written less than {@code idle} before it is processed. Under load
 * the thread's own commit can take longer than {@code idle}, and the first record it processes after
 * one then comes that long after the record before it; but that record waited during the commit, and
 * asking for another commit right after would make it a commit per pass. Its timestamp is its
 * producer's (or the broker's with log-append time): a producer whose clock runs late only loses the
 * prompt commit for its records, one whose clock runs early cannot make the fold commit more often
 * than after each record that also comes after gaps.
 *
 * <p>One for all the fold's processors (a task per partition, each with its own): the gap that
 * counts is the notifier's, not one partition's, whose records are only a share of the load.
 * Called on the stream threads.
 */
final class PromptCommits {

    private final long idleMillis;
    /** When the record before came (the stream threads' clock); long ago before the first. */
    private final AtomicLong lastRecordAt = new AtomicLong(Long.MIN_VALUE / 2);
    /** Whether the record before came after a quiet gap too (as if so before the first). */
    private volatile boolean lastCameAfterGap = true;

    /** {@code idle}: zero turns prompt commits off (the interval alone decides, as Kafka Streams does). */
    PromptCommits(Duration idle) {
        if (idle.isNegative()) {
            throw new IllegalArgumentException("the idle gap before a prompt commit cannot be negative: " + idle);
        }
        this.idleMillis = idle.toMillis();
    }

    /**
     * Notes a record processed at {@code nowMillis}, written at {@code writtenAt}, and says whether
     * to commit at once after it: whether it and the record before each came at least the idle gap
     * after the one before them, and it was written less than that gap ago.
     */
    boolean commitAfter(long nowMillis, long writtenAt) {
        if (idleMillis == 0) {
            return false; // off (the default): nothing to note on every record
        }
        long before = lastRecordAt.getAndSet(nowMillis);
        boolean afterGap = nowMillis - before >= idleMillis;
        boolean steadyAndQuiet = afterGap && lastCameAfterGap;
        lastCameAfterGap = afterGap;
        return steadyAndQuiet && nowMillis - writtenAt < idleMillis;
    }
}
