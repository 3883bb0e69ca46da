package io.workchain.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.util.concurrent.Callable;

/** {@code workchain status HASH}: a chain's progress as the notifier holds it ({@code GET /chains/{hash}}). */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Prints a chain's progress (steps done and pending, responses so far, its attempt and the "
        + "operators' actions) as the notifier holds it.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HASH", description = "the chain's hash (32 hex digits)")
    String hash;

    @Mixin
    NotifierOptions notifier;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        NotifierReply reply;
        try {
            reply = notifier.askAboutChain(hash, "", HttpRequest.newBuilder().GET(), err);
        } catch (NoReplyException e) {
            return e.exitCode();
        }
        if (reply.credentialsRefused()) {
            return NotifierOptions.credentialsRefused(reply.status(), err);
        }
        if (reply.status() == 404) {
            err.println(reply.error("no such chain"));
            return ExitCodes.NOT_FOUND;
        }
        if (reply.status() != 200) {
            err.println("The notifier answered " + reply.status() + ": " + reply.error(reply.body()));
            return ExitCodes.UNREACHABLE;
        }
        spec.commandLine().getOut().println(reply.json().toPrettyString());
        return switch (reply.json().path("status").asText()) {
            case "COMPLETED" -> ExitCodes.COMPLETED;
            case "FAILED", "CANCELLED" -> ExitCodes.FAILED;
            default -> ExitCodes.RUNNING;
        };
    }
}
