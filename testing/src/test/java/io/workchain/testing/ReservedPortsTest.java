package io.workchain.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ports chosen for servers bound later lie outside the kernel's ephemeral range (so no
 * outgoing connection takes them meanwhile), are free and can be bound when chosen.
 */
class ReservedPortsTest {

    @Test
    void aChosenPortIsBelowTheEphemeralRangeAndCanBeBound() throws IOException {
        int low = ReservedPorts.ephemeralLow();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int port = ReservedPorts.choose();
            assertTrue(port >= 10_000 && port < low, port + " is outside [10000, " + low + ")");
            seen.add(port);
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress("127.0.0.1", port));
            }
        }
        assertTrue(seen.size() > 1, "the ports are drawn at random, not one fixed port: " + seen);
    }

    @Test
    void aPortTakenNowIsNeverChosen() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(ReservedPorts.choose()));
            for (int i = 0; i < 200; i++) {
                assertTrue(ReservedPorts.choose() != taken.getLocalPort(), "a bound port was chosen");
            }
        }
    }
}
