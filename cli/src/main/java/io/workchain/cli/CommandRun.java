package io.workchain.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of {@code workchain ARGS} in this JVM, with what it printed: for programs that embed the
 * command line (and for the tests, which run it this way against a broker and the whole system).
 */
public record CommandRun(int exit, String out, String err) {

    public static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = WorkchainCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return new CommandRun(command.execute(args), out.toString(), err.toString());
    }
}
