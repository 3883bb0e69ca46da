package io.workchain.gateway.client;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.workchain.gateway.config.GatewayConfig;
import io.workchain.gateway.target.TargetResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One AMQP connection per target (scheme, credentials, host, port, virtual host), opened on first
 * use, shared by every publish to that target (each on a channel of its own) and closed once idle
 * for {@code workchain.gateway.amqp.idle-timeout}. Blocking calls: used from worker threads only.
 * The key holds the credentials, so it is never logged.
 *
 * <p>Bounded in every way a work message could stretch it: at most
 * {@code workchain.gateway.amqp.max-connections} targets (the least recently used is closed for a
 * new one), a connection is opened under its own target's lock only (one slow broker never holds
 * up another's publishes), and every connect, handshake and RPC gives up after the call timeout.
 */
@ApplicationScoped
public class AmqpConnections {

    private static final Logger LOG = Logger.getLogger(AmqpConnections.class);

    /** A pooled connection, when it was last used, and how many publishes are on it now. */
    private record Pooled(Connection connection, String safeName, long[] lastUsed, AtomicInteger users) {}

    private final Map<String, Pooled> pool = new ConcurrentHashMap<>();
    /** One lock per target being opened: connecting to one broker never waits on another. */
    private final Map<String, Object> opening = new ConcurrentHashMap<>();
    private final GatewayConfig config;

    public AmqpConnections(GatewayConfig config) {
        this.config = config;
    }

    /**
     * An open connection to the target; {@code address}, when given, is the checked address to
     * connect to. Every connection taken is given back with {@link #release} once the publish on it
     * is done: a connection in use is never closed to make room.
     */
    public Connection get(URI target, InetAddress address, String safeName) throws IOException, TimeoutException {
        String key = key(target, address);
        Pooled pooled = taken(pool.get(key));
        if (pooled != null) {
            return pooled.connection();
        }
        Object lock = opening.computeIfAbsent(key, k -> new Object());
        try {
            synchronized (lock) {
                pooled = taken(pool.get(key));
                if (pooled != null) {
                    return pooled.connection();
                }
                Connection connection = factory(target, address).newConnection("workchain-gateway");
                makeRoom();
                pool.put(key,
                        new Pooled(connection, safeName, new long[]{System.currentTimeMillis()}, new AtomicInteger(1)));
                LOG.debugf("opened an AMQP connection to %s", safeName);
                return connection;
            }
        } finally {
            opening.remove(key, lock);
        }
    }

    /** The pooled connection, counted as in use, when it is there and open; else null. */
    private static Pooled taken(Pooled pooled) {
        if (pooled == null || !pooled.connection().isOpen()) {
            return null;
        }
        pooled.users().incrementAndGet();
        pooled.lastUsed()[0] = System.currentTimeMillis();
        return pooled;
    }

    /** The publish on {@code connection} is done. */
    public void release(Connection connection) {
        pool.values().stream().filter(pooled -> pooled.connection() == connection).findFirst()
                .ifPresent(pooled -> pooled.users().decrementAndGet());
    }

    /**
     * What tells targets apart: scheme, credentials, host, port and virtual host as the broker
     * reads them (percent-decoded), and the address connected to. A query, a fragment or another
     * spelling of the same target makes no new connection.
     */
    static String key(URI target, InetAddress address) {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : decode(target.getRawPath());
        String userInfo = target.getRawUserInfo() == null ? "" : decode(target.getRawUserInfo());
        return target.getScheme().toLowerCase(Locale.ROOT) + "://" + userInfo + "@"
                + target.getHost().toLowerCase(Locale.ROOT)
                + ":" + TargetResolver.defaultPort(target) + path + "|"
                + (address == null ? "" : address.getHostAddress());
    }

    /**
     * At the bound, the least recently used connection that no publish is using is closed to make
     * room for a new target's; with every one in use, the pool goes over the bound for as long as
     * it must rather than break a publish under way.
     */
    private void makeRoom() {
        while (pool.size() >= Math.max(1, config.amqp().maxConnections())) {
            var idle = pool.entrySet().stream().filter(e -> e.getValue().users().get() == 0)
                    .min(Comparator.comparingLong(e -> e.getValue().lastUsed()[0]));
            if (idle.isEmpty()) {
                LOG.warnf("every one of the %d AMQP connections is in use: one more is opened beyond the bound",
                        pool.size());
                return;
            }
            if (pool.remove(idle.get().getKey(), idle.get().getValue())) {
                close(idle.get().getValue());
            }
        }
    }

    /** Targets with an open connection (the bound's gauge, and tests). */
    int size() {
        return pool.size();
    }

    private ConnectionFactory factory(URI target, InetAddress address) {
        ConnectionFactory factory = new ConnectionFactory();
        int timeout = (int) Math.min(Integer.MAX_VALUE, config.callTimeout().toMillis());
        factory.setConnectionTimeout(timeout);
        factory.setHandshakeTimeout(timeout);
        factory.setShutdownTimeout(timeout);
        // Every RPC on a channel (confirmSelect, declare, waitForConfirms' close) gives up too: the
        // client's default is ten minutes, a worker thread pinned per stuck publish.
        factory.setChannelRpcTimeout(timeout);
        factory.setAutomaticRecoveryEnabled(false); // a broken connection is dropped and opened anew
        factory.setHost(address != null ? address.getHostAddress() : target.getHost());
        boolean tls = "amqps".equalsIgnoreCase(target.getScheme());
        factory.setPort(TargetResolver.defaultPort(target));
        String userInfo = target.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            factory.setUsername(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                factory.setPassword(decode(userInfo.substring(colon + 1)));
            }
        }
        // RabbitMQ's URI spec: the path, less its leading slash, is the virtual host ("/" when absent).
        String path = target.getRawPath();
        factory.setVirtualHost(path == null || path.isEmpty() || path.equals("/") ? "/" : decode(path.substring(1)));
        if (tls) {
            try {
                factory.useSslProtocol(SSLContext.getDefault());
                if (address == null) {
                    factory.enableHostnameVerification();
                }
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no TLS in this JVM", e);
            }
        }
        return factory;
    }

    /** Closes connections idle for longer than the idle timeout, and those that broke. */
    @Scheduled(every = "${workchain.gateway.amqp.idle-check:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeIdle() {
        long idleBefore = System.currentTimeMillis() - config.amqp().idleTimeout().toMillis();
        pool.forEach((key, pooled) -> {
            if (!pooled.connection().isOpen() || (pooled.users().get() == 0 && pooled.lastUsed()[0] < idleBefore)) {
                pool.remove(key, pooled);
                close(pooled);
            }
        });
    }

    /** Drops a connection that failed, so the next publish opens a new one. */
    public void discard(Connection connection) {
        pool.forEach((key, pooled) -> {
            if (pooled.connection() == connection) {
                pool.remove(key, pooled);
                close(pooled);
            }
        });
    }

    void closeAll(@Observes ShutdownEvent event) {
        pool.values().forEach(AmqpConnections::close);
        pool.clear();
    }

    private static void close(Pooled pooled) {
        try {
            if (pooled.connection().isOpen()) {
                pooled.connection().close();
            }
            LOG.debugf("closed the AMQP connection to %s", pooled.safeName());
        } catch (IOException | RuntimeException e) {
            pooled.connection().abort();
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
