package io.workchain.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A plain HTTP server on loopback that records every request it gets: the listener tests use to
 * prove what reached a target (and what did not). Paths: {@code /status/{code}} answers that
 * status, {@code /slow/{ms}} answers 200 after a delay, anything else answers 200 echoing the
 * request body as {@code {"echo": ...}}.
 */
public final class RecordingHttpServer implements AutoCloseable {

    private final java.util.concurrent.atomic.AtomicInteger aborted = new java.util.concurrent.atomic.AtomicInteger();

    /** One request as received; {@code bytes} is the body as sent (a protobuf body is not text). */
    public record Call(String method, String path, Map<String, List<String>> headers, String body, byte[] bytes) {

        public byte[] bodyBytes() {
            return bytes.clone();
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private RecordingHttpServer(HttpServer server) {
        this.server = server;
    }

    public static RecordingHttpServer start() {
        return startOn(0);
    }

    /** On a given port (a route set before the server exists: a target that comes and goes). */
    public static RecordingHttpServer startOn(int port) {
        try {
            return serve(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same over HTTPS, with the key and certificate of a PKCS#12 key store. */
    public static RecordingHttpServer startHttps(Path keyStore, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keyStore)) {
                store.load(in, password);
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return serve(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not set up TLS from " + keyStore, e);
        }
    }

    private static RecordingHttpServer serve(HttpServer server) {
        RecordingHttpServer recording = new RecordingHttpServer(server);
        server.createContext("/", recording::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return recording;
    }

    public String baseUrl() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public void reset() {
        calls.clear();
        aborted.set(0);
    }

    /** Answers the client stopped reading (reset the connection) before they were all sent. */
    public int aborted() {
        return aborted.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] received = exchange.getRequestBody().readAllBytes();
        String body = new String(received, StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        calls.add(
                new Call(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body, received));
        int status = 200;
        String answer = "{\"echo\":" + quote(body) + "}";
        if (path.startsWith("/status/")) {
            status = Integer.parseInt(path.substring("/status/".length()));
            answer = "{\"status\":" + status + "}";
        } else if (path.startsWith("/big/") || path.startsWith("/drip/")) {
            stream(exchange, path);
            return;
        } else if (path.startsWith("/slow/")) {
            try {
                Thread.sleep(Long.parseLong(path.substring("/slow/".length())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    /**
     * /big/N: N bytes of JSON text in 64 KiB chunks; /drip/N: one byte every 100 ms for N ms. Both
     * count as aborted when the client closes the connection before the end.
     */
    private void stream(HttpExchange exchange, String path) throws IOException {
        boolean big = path.startsWith("/big/");
        long amount = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, 0); // chunked
        byte[] chunk = new byte[big ? 65_536 : 1];
        java.util.Arrays.fill(chunk, (byte) 'x');
        try (var out = exchange.getResponseBody()) {
            for (long sent = 0; sent < amount; sent += big ? chunk.length : 100) {
                out.write(chunk);
                out.flush();
                if (!big) {
                    Thread.sleep(100);
                }
            }
        } catch (IOException e) {
            aborted.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
