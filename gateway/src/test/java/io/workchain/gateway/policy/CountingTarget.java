package io.workchain.gateway.policy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback that counts what the route policies let through: every arrival
 * (path and time) and the most requests it served at once. a path with {@code /slow/{ms}} answers 200 after
 * a delay, one with {@code /status/{code}} that status.
 */
final class CountingTarget implements AutoCloseable {

    /** One request as it arrived. */
    record Arrival(String path, long atNanos) {}

    private final HttpServer server;
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    /** By route (the path's first segment): requests being served, and the most at once. */
    private final Map<String, AtomicInteger> serving = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();

    private CountingTarget(HttpServer server) {
        this.server = server;
    }

    static CountingTarget start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            CountingTarget target = new CountingTarget(server);
            server.createContext("/", target::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void reset() {
        arrivals.clear();
        mostAtOnce.clear();
    }

    /** The arrivals whose path starts with {@code prefix}, in order. */
    List<Arrival> arrivals(String prefix) {
        List<Arrival> matching = new ArrayList<>();
        for (Arrival arrival : arrivals) {
            if (arrival.path().startsWith(prefix)) {
                matching.add(arrival);
            }
        }
        return matching;
    }

    /** The most requests under {@code /route/} served at once since the last reset. */
    int mostAtOnce(String route) {
        AtomicInteger most = mostAtOnce.get(route);
        return most == null ? 0 : most.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        arrivals.add(new Arrival(path, System.nanoTime()));
        String route = path.split("/")[1];
        AtomicInteger current = serving.computeIfAbsent(route, r -> new AtomicInteger());
        mostAtOnce.computeIfAbsent(route, r -> new AtomicInteger()).accumulateAndGet(current.incrementAndGet(),
                Math::max);
        boolean served = false;
        try {
            exchange.getRequestBody().readAllBytes();
            int status = 200;
            if (path.contains("/status/")) {
                status = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            } else if (path.contains("/slow/")) {
                Thread.sleep(Long.parseLong(path.substring(path.lastIndexOf('/') + 1)));
            }
            byte[] body = ("{\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
            // Done serving before the answer leaves: the next call the gateway lets through may
            // arrive as soon as it has this answer.
            current.decrementAndGet();
            served = true;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the gateway reset the call (its timeout): nothing to answer
        } finally {
            if (!served) {
                current.decrementAndGet();
            }
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
