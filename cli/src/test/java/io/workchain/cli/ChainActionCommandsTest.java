package io.workchain.cli;

import com.sun.net.httpserver.HttpServer;
import io.workchain.common.OperatorHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code workchain retry}, {@code cancel} and {@code status} against a stand-in notifier that answers as the real one
 * does (the e2e suite runs them against the real one): what they send, and the exit status and
 * words for each answer.
 */
class ChainActionCommandsTest {

    private static final String HASH = "0123456789abcdef0123456789abcdef";

    private HttpServer notifier;
    private final List<String> requests = new ArrayList<>();
    private int status;
    private String body;

    @BeforeEach
    void start() throws IOException {
        notifier = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        notifier.createContext("/chains/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst(OperatorHeaders.REQUESTED_BY));
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        notifier.start();
    }

    @AfterEach
    void stop() {
        notifier.stop(0);
    }

    private CommandRun workchain(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--notifier");
        all.add(2, "http://127.0.0.1:" + notifier.getAddress().getPort());
        return CommandRun.of(all.toArray(String[]::new));
    }

    @Test
    void anAcceptedRetryPrintsWhatWasAskedAndExitsZero() {
        status = 202;
        body = "{\"hash\":\"" + HASH + "\",\"action\":\"retry\",\"attempt\":1}";
        CommandRun run = workchain("retry", "--attempt", "1", HASH.toUpperCase(Locale.ROOT));
        assertEquals(ExitCodes.COMPLETED, run.exit(), run.err());
        assertTrue(run.out().contains("\"action\" : \"retry\""), run.out());
        assertEquals(List.of("POST /chains/" + HASH + "/retry?attempt=1 workchain-cli"), requests,
                "the hash lower-cased, the attempt named, the operator's header sent");
    }

    @Test
    void aRefusedCancelSaysWhyAndExitsSix() {
        status = 409;
        body = "{\"error\":\"only a RUNNING chain can be cancelled; attempt 1 is COMPLETED\"}";
        CommandRun run = workchain("cancel", HASH);
        assertEquals(ExitCodes.REFUSED, run.exit());
        assertTrue(run.err().contains("Refused: only a RUNNING chain can be cancelled"), run.err());
        assertEquals(List.of("POST /chains/" + HASH + "/cancel workchain-cli"), requests);
    }

    @Test
    void anUnknownChainExitsThreeAndMissingCredentialsSix() {
        status = 404;
        body = "{\"error\":\"no chain " + HASH + " here\"}";
        assertEquals(ExitCodes.NOT_FOUND, workchain("retry", HASH).exit());
        status = 401;
        body = "";
        CommandRun run = workchain("cancel", HASH);
        assertEquals(ExitCodes.REFUSED, run.exit());
        assertTrue(run.err().contains(NotifierOptions.PASSWORD_VARIABLE), run.err());
    }

    @Test
    void statusSaysTheSameAsTheActionsOfRefusedCredentialsAndOfAnAnswerThatIsNotJson() {
        status = 403;
        body = "<html>forbidden</html>";
        CommandRun refused = workchain("status", HASH);
        assertEquals(ExitCodes.REFUSED, refused.exit());
        assertTrue(refused.err().contains(NotifierOptions.PASSWORD_VARIABLE), refused.err());
        status = 500;
        CommandRun garbled = workchain("status", HASH);
        assertEquals(ExitCodes.UNREACHABLE, garbled.exit());
        assertTrue(garbled.err().contains("answered 500 with something that is not JSON"), garbled.err());
        assertEquals(ExitCodes.BAD_INPUT, workchain("status", "not-a-hash").exit());
        assertEquals(List.of("GET /chains/" + HASH + " null", "GET /chains/" + HASH + " null"), requests,
                "no request for a hash that is not one");
    }
}
