package io.workchain.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code workchain}: the command-line client. {@code bin/workchain} runs it; every subcommand says
 * what it does with {@code --help}.
 */
@Command(name = "workchain", mixinStandardHelpOptions = true, version = "workchain 0.1.0", description = "Submits work messages to Workchain, follows their chains, and retries or cancels them.", subcommands = {
        SubmitCommand.class, StatusCommand.class, WatchCommand.class, RetryCommand.class, CancelCommand.class,
        CommandLine.HelpCommand.class}, exitCodeListHeading = "%nExit status:%n", exitCodeList = {
                "0:the chain completed (submit, status); the watch saw what it waited for; the notifier took the request (retry, cancel)",
                "1:the chain failed (status: or was cancelled)",
                "2:bad input or usage (nothing was submitted)",
                "3:no completion in time (submit, watch); no such chain (status, retry, cancel)",
                "4:Kafka or the notifier could not be reached",
                "5:the chain is still running (status)",
                "6:the notifier refused the request: the chain's state does not allow it (retry, cancel), or the operator's credentials"})
public final class WorkchainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its settings (also what the tests run). */
    public static CommandLine commandLine() {
        return new CommandLine(new WorkchainCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                // Past parsing, what can still go wrong is talking to Kafka or the notifier: said in
                // one line, not a stack trace.
                .setExecutionExceptionHandler((error, command, parsed) -> {
                    command.getErr().println("Failed: " + error);
                    return ExitCodes.UNREACHABLE;
                });
    }

    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        commandLine.getErr().println("Name a command: submit, status, watch, retry or cancel");
        commandLine.usage(commandLine.getErr());
        return ExitCodes.BAD_INPUT;
    }
}
