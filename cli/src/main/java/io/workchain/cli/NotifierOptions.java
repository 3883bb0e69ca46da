package io.workchain.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.MissingNode;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the commands that talk to the notifier over HTTP reach it (status, retry, cancel): its
 * address, and the operator's credentials when the notifier asks for them
 * ({@code workchain.notifier.auth.enabled}): the user from {@code --user} or
 * {@code WORKCHAIN_NOTIFIER_USER}, the password only from {@code WORKCHAIN_NOTIFIER_PASSWORD}, so that
 * no password shows in the process list.
 */
final class NotifierOptions {

    /** The environment variable the operator's password is read from. */
    static final String PASSWORD_VARIABLE = "WORKCHAIN_NOTIFIER_PASSWORD";
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STORE_NOT_READY_PATIENCE = Duration.ofSeconds(15);

    @Option(names = "--notifier", paramLabel = "URL", defaultValue = "${env:WORKCHAIN_NOTIFIER_URL:-http://127.0.0.1:8083}", description = "the notifier's HTTP address (default: $WORKCHAIN_NOTIFIER_URL, else ${DEFAULT-VALUE})")
    URI notifier;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "${env:WORKCHAIN_NOTIFIER_USER}", description = "the operator's user name, when the notifier asks for credentials (default: "
            + "$WORKCHAIN_NOTIFIER_USER); the password is read from $" + PASSWORD_VARIABLE)
    String user;

    /** Whether {@code text} can be a chain's hash (32 hex digits): anything else is refused before a request is made. */
    static boolean isHash(String text) {
        return HASH.matcher(text).matches();
    }

    /** The notifier's address of a chain's path: {@code /chains/HASH} and what follows. */
    URI chain(String hash, String rest) {
        return notifier.resolve("/chains/" + hash.toLowerCase(Locale.ROOT) + rest);
    }

    /**
     * Asks the notifier about one chain ({@code /chains/HASH} and {@code rest}, with the method
     * {@code request} sets) and reads its answer. A hash that is not one, an unreachable notifier or
     * an answer that is not JSON is printed on {@code err} and thrown with its exit code, so every
     * command says these the same way.
     */
    NotifierReply askAboutChain(String hash, String rest, HttpRequest.Builder request, PrintWriter err)
            throws NoReplyException, InterruptedException {
        if (!isHash(hash)) {
            err.println("Not a chain hash: expected 32 hex digits");
            throw new NoReplyException(ExitCodes.BAD_INPUT);
        }
        HttpResponse<String> response;
        try {
            response = send(request.uri(chain(hash, rest)));
        } catch (IOException | IllegalArgumentException e) {
            err.println("Cannot reach the notifier at " + notifier + ": " + e);
            throw new NoReplyException(ExitCodes.UNREACHABLE);
        }
        int status = response.statusCode();
        try {
            return new NotifierReply(status, response.body(), Json.parse(response.body()));
        } catch (JsonProcessingException e) {
            if (status == 401 || status == 403) {
                return new NotifierReply(status, response.body(), MissingNode.getInstance());
            }
            err.println("The notifier answered " + status + " with something that is not JSON");
            throw new NoReplyException(ExitCodes.UNREACHABLE);
        }
    }

    /** Says that the operator's credentials were refused, and how to give them; exit code 6. */
    static int credentialsRefused(int status, PrintWriter err) {
        err.println("The notifier refused the operator's credentials (" + status + "): name the user with --user or "
                + "WORKCHAIN_NOTIFIER_USER and set " + PASSWORD_VARIABLE);
        return ExitCodes.REFUSED;
    }

    /**
     * Sends a request with the operator's credentials when a user is named, asking again while the
     * notifier answers 503 (its store is moving: a restart, another instance joining) for up to
     * 15 s. What it asks is safe to ask again: a read, or an operator's request that names its attempt.
     */
    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (user != null && !user.isBlank()) {
            String password = System.getenv(PASSWORD_VARIABLE);
            String credentials = user + ":" + (password == null ? "" : password);
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        HttpRequest built = request.timeout(REQUEST_TIMEOUT).build();
        HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
        long until = System.nanoTime() + STORE_NOT_READY_PATIENCE.toNanos();
        while (true) {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 503 || System.nanoTime() > until) {
                return response;
            }
            Thread.sleep(500);
        }
    }
}
