package io.workchain.cli;

import io.workchain.common.OperatorHeaders;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.util.concurrent.Callable;

/**
 * What {@code workchain retry} and {@code workchain cancel} share: an operator's request on one
 * chain ({@code POST /chains/{hash}/ACTION}), sent with the operator's header and credentials. The
 * notifier answers 202 with what was asked (printed, exit 0), 404 for an unknown chain (3), or 409
 * when the chain's state does not allow it (6, with why); the outcome then shows in
 * {@code workchain status}.
 */
abstract class ChainActionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HASH", description = "the chain's hash (32 hex digits)")
    String hash;

    @Option(names = "--attempt", paramLabel = "N", description = "the attempt this is meant for (see `workchain status`): refused (exit 6) when the chain has moved on")
    Integer attempt;

    @Mixin
    NotifierOptions notifier;

    /** The action's word in the notifier's path: retry, cancel. */
    abstract String action();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (attempt != null && attempt < 1) {
            err.println("--attempt must be at least 1 (a chain's first run is attempt 1)");
            return ExitCodes.BAD_INPUT;
        }
        NotifierReply reply;
        try {
            reply = notifier.askAboutChain(hash, "/" + action() + (attempt == null ? "" : "?attempt=" + attempt),
                    HttpRequest.newBuilder().header(OperatorHeaders.REQUESTED_BY, "workchain-cli")
                            .POST(HttpRequest.BodyPublishers.noBody()),
                    err);
        } catch (NoReplyException e) {
            return e.exitCode();
        }
        if (reply.credentialsRefused()) {
            return NotifierOptions.credentialsRefused(reply.status(), err);
        }
        return switch (reply.status()) {
            case 202 -> {
                spec.commandLine().getOut().println(reply.json().toPrettyString());
                yield ExitCodes.COMPLETED;
            }
            case 404 -> {
                err.println(reply.error("no such chain"));
                yield ExitCodes.NOT_FOUND;
            }
            case 409 -> {
                err.println("Refused: " + reply.error(reply.body()));
                yield ExitCodes.REFUSED;
            }
            default -> {
                err.println("The notifier answered " + reply.status() + ": " + reply.error(reply.body()));
                yield ExitCodes.UNREACHABLE;
            }
        };
    }
}
