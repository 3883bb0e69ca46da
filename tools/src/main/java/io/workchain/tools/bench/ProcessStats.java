package io.workchain.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time, memory and command line of a process, read from Linux's /proc: user+system time
 * ({@code /proc/PID/stat}, in clock ticks of 1/100 s), the resident set now and at its peak
 * ({@code VmRSS}, {@code VmHWM}) and the arguments it was started with ({@code /proc/PID/cmdline}).
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

    /** The process's command line ({@code /proc/PID/cmdline}), or empty when unreadable. */
    static List<String> commandLine(long pid) {
        try {
            String line = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8);
            return line.isEmpty() ? List.of() : List.of(line.split("\0"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
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
