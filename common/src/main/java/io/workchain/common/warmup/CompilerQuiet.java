package io.workchain.common.warmup;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for the JIT to finish what a warm-up queued. The rounds make the hot methods reach the
 * compile thresholds, but C2 compiles them on its own threads afterwards, seconds of CPU on two
 * shared cores: reported ready at the end of the rounds, a service meets its first chains with
 * the compiler still taking most of a core (issue 22: the first seconds after readiness queued).
 * Quiet means the compiler threads worked less than a tenth of a window, as the JVM's own
 * compilation time says ({@link CompilationMXBean}); where the JVM does not measure it (a native
 * image has no JIT), there is nothing to wait for.
 */
final class CompilerQuiet {

    /** How long each look at the compiler lasts. */
    static final Duration WINDOW = Duration.ofMillis(200);
    /** Compilation time within a window below which the compiler counts as quiet: a tenth. */
    static final long QUIET_MILLIS_PER_WINDOW = WINDOW.toMillis() / 10;

    private CompilerQuiet() {}

    /**
     * Returns once the compiler is quiet for one window, or at {@code deadlineNanos}
     * ({@link System#nanoTime()}), whichever is first.
     */
    static void await(long deadlineNanos) {
        CompilationMXBean compiler = compiler();
        if (compiler == null) {
            return;
        }
        long before = compiler.getTotalCompilationTime();
        while (System.nanoTime() + WINDOW.toNanos() <= deadlineNanos) {
            sleepOneWindow();
            long after = compiler.getTotalCompilationTime();
            if (after - before < QUIET_MILLIS_PER_WINDOW) {
                return;
            }
            before = after;
        }
    }

    private static void sleepOneWindow() {
        long end = System.nanoTime() + WINDOW.toNanos();
        for (long left = WINDOW.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left); // may return early: park again for what is left
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
