package io.workchain.gateway.client;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Issue 19, case 9: the pool was keyed by the whole URI, so a query made a new connection each
 * time, without bound. A target is its scheme, credentials, host, port and virtual host.
 */
class AmqpConnectionsTest {

    @Test
    void aQueryOrTheCaseOfTheHostMakesNoNewTarget() throws Exception {
        InetAddress address = InetAddress.getByName("127.0.0.1");
        String key = AmqpConnections.key(URI.create("amqp://u:p@Rabbit:5672/"), address);
        assertEquals(key, AmqpConnections.key(URI.create("amqp://u:p@rabbit:5672/?x=1"), address));
        assertEquals(key, AmqpConnections.key(URI.create("amqp://u:p@rabbit"), address),
                "default port, default virtual host");
        assertEquals(key, AmqpConnections.key(URI.create("AMQP://u:p@rabbit:5672/#f"), address));
        assertEquals(key, AmqpConnections.key(URI.create("amqp://%75:%70@rabbit:5672/"), address),
                "percent-encoded, the same user");
        assertEquals(AmqpConnections.key(URI.create("amqp://u:p@rabbit/%2F"), address),
                AmqpConnections.key(URI.create("amqp://u:p@rabbit//"), address), "the same virtual host spelled twice");
    }

    @Test
    void credentialsVirtualHostAndAddressAreTargetsOfTheirOwn() throws Exception {
        InetAddress address = InetAddress.getByName("127.0.0.1");
        String key = AmqpConnections.key(URI.create("amqp://u:p@rabbit:5672/"), address);
        assertNotEquals(key, AmqpConnections.key(URI.create("amqp://u:q@rabbit:5672/"), address));
        assertNotEquals(key, AmqpConnections.key(URI.create("amqp://u:p@rabbit:5672/other"), address));
        assertNotEquals(key,
                AmqpConnections.key(URI.create("amqp://u:p@rabbit:5672/"), InetAddress.getByName("127.0.0.2")));
        assertNotEquals(key, AmqpConnections.key(URI.create("amqps://u:p@rabbit:5672/"), address));
    }
}
