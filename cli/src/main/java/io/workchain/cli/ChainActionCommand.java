package io.workchain.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.workchain.common.OperatorHeaders;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        if (!NotifierOptions.isHash(hash)) {
            err.println("Not a chain hash: expected 32 hex digits");
            return ExitCodes.BAD_INPUT;
        }
        if (attempt != null && attempt < 1) {
            err.println("--attempt must be at least 1 (a chain's first run is attempt 1)");
            return ExitCodes.BAD_INPUT;
        }
        HttpResponse<String> response;
        try {
            response = notifier.send(HttpRequest.newBuilder(notifier.chain(hash, "/" + action()
                    + (attempt == null ? "" : "?attempt=" + attempt)))
                    .header(OperatorHeaders.REQUESTED_BY, "workchain-cli").POST(HttpRequest.BodyPublishers.noBody()));
        } catch (IOException | IllegalArgumentException e) {
            err.println("Cannot reach the notifier at " + notifier.notifier + ": " + e);
            return ExitCodes.UNREACHABLE;
        }
        return answer(response.statusCode(), response.body());
    }

    private int answer(int status, String body) {
        PrintWriter err = spec.commandLine().getErr();
        JsonNode json;
        try {
            json = Json.parse(body);
        } catch (JsonProcessingException e) {
            err.println("The notifier answered " + status + " with something that is not JSON");
            return status == 401 || status == 403 ? refused(status) : ExitCodes.UNREACHABLE;
        }
        return switch (status) {
            case 202 -> {
                spec.commandLine().getOut().println(json.toPrettyString());
                yield ExitCodes.COMPLETED;
            }
            case 404 -> {
                err.println(json.path("error").asText("no such chain"));
                yield ExitCodes.NOT_FOUND;
            }
            case 409 -> {
                err.println("Refused: " + json.path("error").asText(body));
                yield ExitCodes.REFUSED;
            }
            case 401, 403 -> refused(status);
            default -> {
                err.println("The notifier answered " + status + ": " + json.path("error").asText(body));
                yield ExitCodes.UNREACHABLE;
            }
        };
    }

    private int refused(int status) {
        spec.commandLine().getErr()
                .println("The notifier refused the operator's credentials (" + status + "): name the "
                        + "user with --user or WORKCHAIN_NOTIFIER_USER and set " + NotifierOptions.PASSWORD_VARIABLE);
        return ExitCodes.REFUSED;
    }
}
