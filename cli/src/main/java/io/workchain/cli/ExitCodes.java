package io.workchain.cli;

/** The exit status of every {@code workchain} command: scripts branch on these, so they never change meaning. */
public final class ExitCodes {

    /** The chain completed (submit, status), the watch saw what it waited for, or the notifier took an operator's request. */
    public static final int COMPLETED = 0;
    /** The chain ended FAILED (or CANCELLED, for status). */
    public static final int FAILED = 1;
    /** Bad input or usage: the message, the file, an option. Nothing was submitted. */
    public static final int BAD_INPUT = 2;
    /** No completion within the timeout (submit, watch), or no such chain (status). */
    public static final int NOT_FOUND = 3;
    /** Kafka or the notifier could not be reached. */
    public static final int UNREACHABLE = 4;
    /** The chain is known and still running (status). */
    public static final int RUNNING = 5;
    /**
     * The notifier refused a request: the chain's state does not allow a retry or cancel (409:
     * running, completed, cancelled, or another attempt than the one named), or the operator's
     * credentials are missing or wrong (401, 403; any command that asks the notifier).
     */
    public static final int REFUSED = 6;

    private ExitCodes() {}
}
