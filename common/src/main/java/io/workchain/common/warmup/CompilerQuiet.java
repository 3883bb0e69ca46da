package io.workchain.common.warmup;

import io.workchain.common.warmup.WarmUpReport.JitWait;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Waits for the JIT to finish what a warm-up queued. The rounds make the hot methods reach the
 * compile thresholds, but C2 compiles them on its own threads afterwards, seconds of CPU on two
 * shared cores: reported ready at the end of the rounds, a service would meet its first chains
 * with the compiler still taking a core. Quiet means the JVM's compilation time
 * ({@link CompilationMXBean}) grew by less than a tenth of a window in {@link #QUIET_WINDOWS}
 * windows in a row: that time grows only when a compilation ends, so one long compilation can
 * span a window, and a single quiet window is not enough. It counts the whole JVM: a service whose
 * consumers already serve a backlog keeps its compiler busy and waits to the limit. Where the JVM
 * does not measure it (a native image has no JIT), there is nothing to wait for.
 */
final class CompilerQuiet {

    /** How long each look at the compiler lasts. */
    static final Duration WINDOW = Duration.ofMillis(200);
    /** Compilation time within a window below which the window counts as quiet: a tenth. */
    static final long QUIET_MILLIS_PER_WINDOW = WINDOW.toMillis() / 10;
    /** Quiet windows in a row that make the compiler quiet. */
    static final int QUIET_WINDOWS = 2;

    private CompilerQuiet() {}

    /**
     * Returns once the compiler is quiet, or when less than a window is left before
     * {@code deadlineNanos} ({@link System#nanoTime()}), whichever is first; or at once where the
     * JVM has no compilation time to read. Says which.
     */
    static JitWait await(long deadlineNanos) {
        CompilationMXBean compiler = compiler();
        if (compiler == null) {
            return JitWait.NO_JIT;
        }
        long before = compiler.getTotalCompilationTime();
        int quiet = 0;
        while (deadlineNanos - System.nanoTime() >= WINDOW.toNanos()) {
            if (!sleepOneWindow()) {
                return JitWait.LIMIT_REACHED; // interrupted: the service is stopping
            }
            long after = compiler.getTotalCompilationTime();
            quiet = after - before < QUIET_MILLIS_PER_WINDOW ? quiet + 1 : 0;
            if (quiet == QUIET_WINDOWS) {
                return JitWait.QUIET;
            }
            before = after;
        }
        return JitWait.LIMIT_REACHED;
    }

    /** False if interrupted. */
    private static boolean sleepOneWindow() {
        try {
            Thread.sleep(WINDOW.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static CompilationMXBean compiler() {
        try {
            CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
            return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler : null;
        } catch (RuntimeException | LinkageError e) {
            return null; // no management support in this runtime: nothing to wait for
        }
    }
}
