package io.workchain.esb.service;

import io.workchain.common.codec.WireFormat;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Which routes receive the whole work message, and in which format, as the gateway said
 * (NEEDS_WORK_MESSAGE): later items of such a route carry the chain at once instead of asking
 * first. Keyed by the item's {@code url} as written (a route's name), bounded (the least recently
 * used route is forgotten past {@link #MAX_ROUTES}), and each answer is forgotten
 * {@link #RELEARN_AFTER_MILLIS} after it was learned, so a route whose configuration changed is asked
 * again (one call without the chain) rather than sent a chain it no longer takes.
 */
@ApplicationScoped
public class WorkMessageRoutes {

    /** Routes remembered at most. */
    static final int MAX_ROUTES = 1_000;
    /** How long an answer is trusted: 10 minutes. */
    static final long RELEARN_AFTER_MILLIS = 10 * 60 * 1000L;

    private final int maxRoutes;
    private final long relearnAfterMillis;
    private final LongSupplier clock;
    private final Map<String, Learned> formats;

    public WorkMessageRoutes() {
        this(MAX_ROUTES, RELEARN_AFTER_MILLIS, System::currentTimeMillis);
    }

    WorkMessageRoutes(int maxRoutes, long relearnAfterMillis, LongSupplier clock) {
        this.maxRoutes = maxRoutes;
        this.relearnAfterMillis = relearnAfterMillis;
        this.clock = clock;
        this.formats = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Learned> eldest) {
                return size() > WorkMessageRoutes.this.maxRoutes;
            }
        };
    }

    private record Learned(WireFormat format, long at) {}

    /** The format {@code route} receives the work message in, if the gateway said so lately. */
    public synchronized Optional<WireFormat> format(String route) {
        Learned learned = route == null ? null : formats.get(route);
        if (learned == null) {
            return Optional.empty();
        }
        if (clock.getAsLong() - learned.at() >= relearnAfterMillis) {
            formats.remove(route);
            return Optional.empty();
        }
        return Optional.of(learned.format());
    }

    /** The gateway said {@code route} receives the work message in {@code format}. */
    public synchronized void learned(String route, WireFormat format) {
        if (route != null) {
            formats.put(route, new Learned(format, clock.getAsLong()));
        }
    }

    synchronized int size() {
        return formats.size();
    }
}
