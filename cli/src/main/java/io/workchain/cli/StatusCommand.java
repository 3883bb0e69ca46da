package io.workchain.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** {@code workchain status HASH}: a chain's progress as the notifier holds it ({@code GET /chains/{hash}}). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Prints a chain's progress (steps done and pending, responses so far) as the notifier holds it.")
final class StatusCommand implements Callable<Integer> {

    /** A chain hash: the MD5 of its items, in hex. Anything else is refused before a request is made. */
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STORE_NOT_READY_PATIENCE = Duration.ofSeconds(15);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HASH", description = "the chain's hash (32 hex digits)")
    String hash;

    @Option(names = "--notifier", paramLabel = "URL", defaultValue = "${env:WORKCHAIN_NOTIFIER_URL:-http://127.0.0.1:8083}",
            description = "the notifier's HTTP address (default: $WORKCHAIN_NOTIFIER_URL, else ${DEFAULT-VALUE})")
    URI notifier;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (!HASH.matcher(hash).matches()) {
            err.println("Not a chain hash: expected 32 hex digits");
            return ExitCodes.BAD_INPUT;
        }
        HttpResponse<String> response;
        URI uri = notifier.resolve("/chains/" + hash.toLowerCase(Locale.ROOT));
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
            long until = System.nanoTime() + STORE_NOT_READY_PATIENCE.toNanos();
            do {
                response = http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                // 503: the notifier's store is moving (a restart, another instance joining); it answers shortly.
                if (response.statusCode() != 503 || System.nanoTime() > until) {
                    break;
                }
                Thread.sleep(500);
            } while (true);
        } catch (IOException | IllegalArgumentException e) {
            err.println("Cannot reach the notifier at " + notifier + ": " + e);
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
            case "FAILED" -> ExitCodes.FAILED;
            default -> ExitCodes.RUNNING;
        };
    }
}
