package io.workchain.gateway.warmup;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm-up's call of the gateway's own HTTP client to its own liveness (OwnLivenessCall), against
 * the running gateway on its test port (random: the port Quarkus got, not the configured 0).
 */
@QuarkusTest
class OwnLivenessCallTest {

    @Inject
    OwnLivenessCall call;

    @Inject
    Vertx vertx;

    /** The gateway's one HTTP client to services (HttpClientProducer). */
    @Inject
    HttpClient client;

    @Test
    void theGatewaysHttpClientReachesItsOwnLivenessOnceTheServerListens() throws InterruptedException {
        // The server's start event is delivered asynchronously: until then a turn makes no call.
        long deadline = System.nanoTime() + 30_000_000_000L;
        boolean called = call.getAsBoolean();
        while (!called && System.nanoTime() < deadline) {
            Thread.sleep(50);
            called = call.getAsBoolean();
        }
        assertTrue(called, "a call to " + OwnLivenessCall.LIVENESS_PATH + " went through");
        for (int i = 0; i < 20; i++) {
            assertTrue(call.getAsBoolean(), "call " + i);
        }
    }

    /**
     * Over real loopback connections to a server of this test's own that counts them: the warm-up
     * opens a new connection every {@link OwnLivenessCall#NEW_CONNECTION_EVERY} calls, so the path a
     * route's first call takes (connect, lease, codec set-up) is warmed too, not only a kept-alive one.
     */
    @Test
    void everyTwentiethCallClosesItsConnectionSoTheNextOpensANewOne() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        HttpServer server = vertx.createHttpServer().connectionHandler(connection -> connections.incrementAndGet())
                .requestHandler(request -> request.response().end("{\"status\":\"UP\"}"));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            OwnLivenessCall ownCall = new OwnLivenessCall(client);
            ownCall.aimAt("127.0.0.1", server.actualPort());
            int calls = 2 * OwnLivenessCall.NEW_CONNECTION_EVERY + 1;
            for (int i = 0; i < calls; i++) {
                assertTrue(ownCall.getAsBoolean(), "call " + i);
            }
            // Calls 1-20 on the first connection (closed after the 20th), 21-40 on the second, 41 on a third.
            assertEquals(3, connections.get(), "connections opened by " + calls + " calls");
        } finally {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServerOnEveryInterfaceIsCalledOnLoopbackAndAnyOtherOnItsOwnAddress() {
        assertEquals("127.0.0.1", OwnLivenessCall.loopbackFor("0.0.0.0"));
        assertEquals("127.0.0.1", OwnLivenessCall.loopbackFor("::"));
        assertEquals("127.0.0.1", OwnLivenessCall.loopbackFor(null));
        assertEquals("localhost", OwnLivenessCall.loopbackFor("localhost"));
        assertEquals("10.1.2.3", OwnLivenessCall.loopbackFor("10.1.2.3"));
    }
}
