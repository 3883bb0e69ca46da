package io.workchain.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and peak memory of a process, read from Linux's /proc: user+system time
 * ({@code /proc/PID/stat}, in clock ticks of 1/100 s) and the peak resident set ({@code VmHWM}).
 */
final class ProcessStats {

    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessStats() {}

    /** CPU seconds used so far (user + system), or NaN when unreadable. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Peak resident set size in MiB, or NaN when unreadable. */
    static double peakRssMib(long pid) {
        return statusMib(pid, "VmHWM:");
    }

    /** Resident set size now in MiB, or NaN when unreadable. */
    static double rssMib(long pid) {
        return statusMib(pid, "VmRSS:");
    }

    private static double statusMib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return Double.NaN;
    }
}
