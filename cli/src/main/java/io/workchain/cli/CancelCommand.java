package io.workchain.cli;

import picocli.CommandLine.Command;

/** {@code workchain cancel HASH}: ends a running chain as CANCELLED. */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = {
        "Ends a RUNNING chain as CANCELLED, with its completion: the ESB drops the work it holds for it "
                + "and later answers are ignored.",
        "Prints what the notifier accepted; `workchain status HASH` then shows it. A chain that has ended is refused (exit 6)."})
final class CancelCommand extends ChainActionCommand {

    @Override
    String action() {
        return "cancel";
    }
}
