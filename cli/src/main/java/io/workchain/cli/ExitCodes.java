package io.workchain.cli;

/** The exit status of every {@code workchain} command: scripts branch on these, so they never change meaning. */
public final class ExitCodes {

    /** The chain completed (submit, status), or the watch saw what it waited for. */
    public static final int COMPLETED = 0;
    /** The chain ended FAILED. */
    public static final int FAILED = 1;
    /** Bad input or usage: the message, the file, an option. Nothing was submitted. */
    public static final int BAD_INPUT = 2;
    /** No completion within the timeout (submit, watch), or no such chain (status). */
    public static final int NOT_FOUND = 3;
    /** Kafka or the notifier could not be reached. */
    public static final int UNREACHABLE = 4;
    /** The chain is known and still running (status). */
    public static final int RUNNING = 5;

    private ExitCodes() {
    }
}
