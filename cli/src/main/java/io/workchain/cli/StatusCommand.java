package io.workchain.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        if (!NotifierOptions.isHash(hash)) {
            err.println("Not a chain hash: expected 32 hex digits");
            return ExitCodes.BAD_INPUT;
        }
        HttpResponse<String> response;
        try {
            response = notifier.send(HttpRequest.newBuilder(notifier.chain(hash, "")).GET());
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
            return ExitCodes.UNREACHABLE;
        }
        if (status == 404) {
            err.println(json.path("error").asText("no such chain"));
            return ExitCodes.NOT_FOUND;
        }
        if (status != 200) {
            err.println("The notifier answered " + status + ": " + json.path("error").asText(body));
            return ExitCodes.UNREACHABLE;
        }
        spec.commandLine().getOut().println(json.toPrettyString());
        return switch (json.path("status").asText()) {
            case "COMPLETED" -> ExitCodes.COMPLETED;
            case "FAILED", "CANCELLED" -> ExitCodes.FAILED;
            default -> ExitCodes.RUNNING;
        };
    }
}
