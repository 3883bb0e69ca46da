package io.workchain.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers that are bound later than they are chosen: a service restarted on its old
 * port, a target that comes and goes behind a route set before it exists.
 *
 * <p>Why not simply {@code new ServerSocket(0)}: the kernel hands out such ports from its
 * ephemeral range, the same range it takes the local port of every outgoing connection from. In
 * the minutes between choosing a port and binding it again, one of the hundreds of Kafka and HTTP
 * connections of a test run can take it, and the bind fails with "Address already in use" (seen
 * in CI). A port below that range is never given to an outgoing connection, so it stays free
 * unless another process binds it on purpose.
 */
public final class ReservedPorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default ephemeral range starts here; used where the range cannot be read. */
    private static final int DEFAULT_EPHEMERAL_LOW = 32768;
    /** Below this are the well-known and commonly configured ports (8080, 9092, ...). */
    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 200;

    private ReservedPorts() {}

    /** A port that is free now and outside the ephemeral range where there is room below it. */
    public static int choose() {
        int ceiling = ephemeralLow();
        if (ceiling - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, ceiling);
                if (isFree(port)) {
                    return port;
                }
            }
        }
        return anyFree(); // a machine with its ephemeral range set low: the kernel's choice
    }

    /** The lowest port of the kernel's ephemeral range (Linux), or its default elsewhere. */
    static int ephemeralLow() {
        // A reader, not Files.readString: JDK 17 reads this procfs file (its size is 0) as "3".
        try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            return Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_LOW;
        }
    }

    private static boolean isFree(int port) {
        // Without SO_REUSEADDR, so a port still in TIME_WAIT from an earlier test counts as taken.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port), 1); // the wildcard: taken on any address is taken
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
