package io.workchain.esb.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells an outage from a failure. While the gateway (or a target's connection) cannot be reached,
 * the circuit is open: every dispatch that meets the outage waits and tries again with a backoff
 * that grows with the outage, instead of counting it against its retries and failing the item.
 * As dispatches wait, the ESB stops asking the connector for records (bounded concurrency), so
 * consumption pauses by itself. The first answer closes the circuit.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // its gauge is on /q/metrics from the start
public class GatewayCircuit {

    private static final Logger LOG = Logger.getLogger(GatewayCircuit.class);

    private final AtomicInteger consecutiveOutages = new AtomicInteger();
    private final AtomicLong openedAt = new AtomicLong();

    public GatewayCircuit(MeterRegistry registry) {
        Gauge.builder("workchain.esb.gateway.circuit.open", this, c -> c.isOpen() ? 1 : 0)
                .description("1 while the gateway or a target cannot be reached and work is held").register(registry);
    }

    public boolean isOpen() {
        return consecutiveOutages.get() > 0;
    }

    /** An outage was met: opens the circuit (logged once per outage). */
    public void outage(String reason) {
        if (consecutiveOutages.getAndIncrement() == 0) {
            openedAt.set(System.currentTimeMillis());
            LOG.warnf("outage: %s; holding work until it answers again", reason);
        }
    }

    /** An answer came (of any kind): the outage, if there was one, is over. */
    public void answered() {
        int outages = consecutiveOutages.getAndSet(0);
        if (outages > 0) {
            LOG.infof("the outage is over after %d ms (%d attempts met it)",
                    System.currentTimeMillis() - openedAt.get(), outages);
        }
    }

    /** How long to wait before the next try: grows with the outage, up to {@code max}. */
    public Duration backoff(Duration initial, Duration max, int attempt) {
        long millis = initial.toMillis() << Math.min(attempt, 16);
        return Duration.ofMillis(Math.min(Math.max(millis, initial.toMillis()), max.toMillis()));
    }
}
