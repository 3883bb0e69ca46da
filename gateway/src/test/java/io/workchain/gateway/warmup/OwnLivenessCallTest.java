package io.workchain.gateway.warmup;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

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

    @Test
    void aServerOnEveryInterfaceIsCalledOnLoopbackAndAnyOtherOnItsOwnAddress() {
        assertEquals("127.0.0.1", OwnLivenessCall.loopbackFor("0.0.0.0"));
        assertEquals("127.0.0.1", OwnLivenessCall.loopbackFor("::"));
        assertEquals("127.0.0.1", OwnLivenessCall.loopbackFor(null));
        assertEquals("localhost", OwnLivenessCall.loopbackFor("localhost"));
        assertEquals("10.1.2.3", OwnLivenessCall.loopbackFor("10.1.2.3"));
    }
}
