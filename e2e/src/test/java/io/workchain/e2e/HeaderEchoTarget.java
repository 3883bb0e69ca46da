package io.workchain.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A target that refuses every call with 401 and quotes the headers it was sent in its answer, as
 * careless services do: the route that calls it carries a secret header, which must reach it and
 * nothing else (OutboundCredentialsIT).
 */
final class HeaderEchoTarget implements AutoCloseable {

    private final HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    HeaderEchoTarget() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::refuse);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The headers of every call, as "name=value" lines. */
    List<String> received() {
        return List.copyOf(received);
    }

    private void refuse(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        StringBuilder headers = new StringBuilder();
        exchange.getRequestHeaders().forEach((name, values) -> headers.append(name.toLowerCase(Locale.ROOT))
                .append('=').append(values.get(0)).append('\n'));
        received.add(headers.toString());
        // The key it refuses first, as such services word it: a reason keeps the answer's first 300 characters.
        String key = exchange.getRequestHeaders().getFirst("X-Api-Key");
        byte[] body = ("unauthorized: x-api-key=" + key + " is not a valid key; you sent:\n" + headers)
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(401, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
