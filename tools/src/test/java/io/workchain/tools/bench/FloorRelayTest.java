package io.workchain.tools.bench;

import com.sun.net.httpserver.HttpServer;
import io.workchain.testing.EmbeddedKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both floors relay every message once, on a real broker: the plain relays and the exactly-once
 * ones (a transaction per poll with the consumed offsets, read_committed readers), through the load
 * driver that counts answers per message (none lost, none duplicated).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FloorRelayTest {

    private static EmbeddedKafkaBroker broker;
    private static HttpServer echo;
    private static final List<FloorRelay> relays = new ArrayList<>();
    private static final List<Thread> threads = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.startEphemeral();
        broker.createTopics(FloorRelay.PLAIN.all(), 3);
        broker.createTopics(FloorRelay.EOS.all(), 3);
        echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        echo.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        echo.start();
        String target = "http://127.0.0.1:" + echo.getAddress().getPort() + "/";
        for (FloorRelay.Role role : FloorRelay.Role.values()) {
            FloorRelay relay = new FloorRelay(role, broker.bootstrapServers(), target, 1);
            Thread thread = new Thread(() -> {
                try {
                    relay.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "relay-" + role);
            thread.start();
            relays.add(relay);
            threads.add(thread);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (relays.stream().anyMatch(relay -> !relay.assigned()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(relays.stream().allMatch(FloorRelay::assigned), "every relay has its partitions");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        relays.forEach(FloorRelay::close);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        if (echo != null) {
            echo.stop(0);
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theExactlyOnceFloorAnswersEveryMessageOnce() {
        try (LoadDriver driver = new LoadDriver(broker.bootstrapServers())) {
            assertOnce(driver.closedLoop(LoadTarget.floorEos(), 1, 60, 8), 60);
            assertOnce(driver.closedLoop(LoadTarget.floorEos(), 3, 30, 8), 30);
            assertOnce(driver.openLoop(LoadTarget.floorEos(), 1, 50, 50, true), 50);
        }
    }

    @Test
    void thePlainFloorAnswersEveryMessageOnce() {
        try (LoadDriver driver = new LoadDriver(broker.bootstrapServers())) {
            assertOnce(driver.closedLoop(LoadTarget.floor(), 1, 60, 8), 60);
            assertOnce(driver.closedLoop(LoadTarget.floor(), 3, 30, 8), 30);
        }
    }

    private static void assertOnce(LoadDriver.Result result, int sent) {
        assertEquals(sent, result.sent());
        assertEquals(sent, result.completed(), "every message answered");
        assertEquals(0, result.duplicates(), "none answered twice");
        assertEquals(0, result.failed());
    }
}
