package io.workchain.cli;

import picocli.CommandLine.Command;

/** {@code workchain retry HASH}: runs a failed chain again from its first step that did not complete. */
@Command(name = "retry", mixinStandardHelpOptions = true, description = {
        "Runs a FAILED (or timed-out) chain again as its next attempt, from its first step that did not "
                + "complete: the steps that completed keep their answers (their services are not called again).",
        "Prints what the notifier accepted; `workchain status HASH` then shows the new attempt, and its completion "
                + "says which attempt it ends. A RUNNING, COMPLETED or CANCELLED chain is refused (exit 6)."})
final class RetryCommand extends ChainActionCommand {

    @Override
    String action() {
        return "retry";
    }
}
