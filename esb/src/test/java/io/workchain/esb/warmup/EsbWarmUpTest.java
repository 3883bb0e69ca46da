package io.workchain.esb.warmup;

import io.smallrye.mutiny.Uni;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.gateway.WarmUpInvocation;
import io.workchain.esb.client.GatewayClient;
import io.workchain.esb.client.GatewayTransport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which calls the ESB's warm-up makes to the gateway: a ping, then by turns the warm-up invocation
 * and a ping. The transport here is a recording stand-in, as the turns are the ESB's own logic; the
 * real gateway's answer to both is checked in the gateway's InvokeTest and HealthTest, and the
 * calls between the real services in e2e's OperatorConventionsIT.
 */
class EsbWarmUpTest {

    private final List<String> calls = new ArrayList<>();

    @Test
    void aPingFirstThenTheWarmUpInvocationAndAPingByTurns() {
        EsbWarmUp warmUp = new EsbWarmUp(null, WireFormat.JSON, new GatewayClient(recording(true)));
        for (int i = 0; i < 4; i++) {
            assertTrue(warmUp.callGateway(), "call " + i);
        }
        assertEquals(List.of("ping", "warm-up invocation", "ping", "warm-up invocation"), calls);
    }

    @Test
    void aGatewayThatIsNotThereFailsTheFirstCallWhichEndsTheCalls() {
        EsbWarmUp warmUp = new EsbWarmUp(null, WireFormat.JSON, new GatewayClient(recording(false)));
        assertThrows(RuntimeException.class, warmUp::callGateway, "the first call is a ping, and it fails");
    }

    private GatewayTransport recording(boolean up) {
        return new GatewayTransport() {
            @Override
            public Uni<InvocationOutcome> invoke(Invocation invocation) {
                calls.add(WarmUpInvocation.is(invocation) ? "warm-up invocation" : "another invocation");
                return Uni.createFrom().item(WarmUpInvocation.answer());
            }

            @Override
            public Uni<Void> ping() {
                calls.add("ping");
                return up
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new IllegalStateException("connection refused"));
            }
        };
    }
}
