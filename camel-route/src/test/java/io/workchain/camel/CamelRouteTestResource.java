package io.workchain.camel;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.workchain.testing.EmbeddedKafkaBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The project's embedded Kafka broker with the routes' topics, and a stand-in for the demo
 * service's {@code POST /api/text/upper} (a JDK HttpServer: the demo service is another module,
 * which no module imports): answers {@code {"text":"HELLO"}} to {@code {"text":"hello"}} and counts
 * its calls per text, whatever its case.
 */
public class CamelRouteTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    private EmbeddedKafkaBroker broker;
    private HttpServer demo;

    /** How many calls carried {@code text} (in any case). */
    static int calls(String text) {
        AtomicInteger count = CALLS.get(text.toLowerCase(Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    @Override
    public Map<String, String> start() {
        broker = EmbeddedKafkaBroker.startEphemeral();
        broker.createTopics(List.of(ChainRoutes.PLAIN_IN, ChainRoutes.PLAIN_OUT, ChainRoutes.EOS_IN,
                ChainRoutes.EOS_OUT), 1);
        try {
            demo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        demo.createContext("/api/text/upper", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // {"text":"..."}: the text between the third and the last quote.
            String text = body.substring(body.indexOf('"', body.indexOf(':')) + 1, body.lastIndexOf('"'));
            CALLS.computeIfAbsent(text.toLowerCase(Locale.ROOT), key -> new AtomicInteger()).incrementAndGet();
            byte[] answer = ("{\"text\":\"" + text.toUpperCase(Locale.ROOT) + "\"}").getBytes(StandardCharsets.UTF_8);
            boolean post = "POST".equals(exchange.getRequestMethod());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(post ? 200 : 405, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        demo.start();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers(), "workchain.camel.demo-url",
                "http://127.0.0.1:" + demo.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (demo != null) {
            demo.stop(0);
        }
        if (broker != null) {
            broker.close();
        }
    }
}
