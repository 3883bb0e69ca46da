package io.workchain.cli;

/**
 * Why a command got no answer it can read from the notifier (a hash that is not one, the notifier
 * unreachable, a body that is not JSON): the reason is already printed, the exit code is here.
 */
final class NoReplyException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    NoReplyException(int exitCode) {
        super(null, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
