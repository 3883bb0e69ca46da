package io.workchain.esb.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chains an operator cancelled, as the notifier's markers on the steps topic say (the marker of
 * a chain follows its steps on their partition, so the ESB that holds its work reads it): their
 * work stops at once, wherever it is (waiting for a permit, held through an outage, waiting between
 * retries, or in a call whose answer no one wants any more), without publishing anything, and a
 * step of theirs read later runs nothing. The last {@link #REMEMBERED} cancelled hashes are kept
 * (a step is read before its chain's marker, so only a redelivered one comes after it).
 */
@ApplicationScoped
public class CancelledChains {

    static final int REMEMBERED = 10_000;
    private static final Logger LOG = Logger.getLogger(CancelledChains.class);

    private final Map<String, Boolean> cancelled = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    /** What runs for a chain now: told when the chain is cancelled. Only while it runs (bounded by the work held). */
    private final Map<String, List<Runnable>> running = new HashMap<>();
    private final Counter dropped;

    /** Cancel markers read from the steps topic. */
    private final Counter markers;

    public CancelledChains(MeterRegistry registry) {
        // The tags of every workchain.esb.items series (ItemDispatcher's): a cancel is no failure, so no kind.
        this.dropped = registry.counter("workchain.esb.items", "outcome", "CANCELLED", "kind", "none");
        this.markers = registry.counter("workchain.esb.records", "result", "cancelled");
    }

    /** The notifier's marker: the chain's work stops now, and any step of it read later runs nothing. */
    public void cancel(String hash) {
        markers.increment();
        List<Runnable> stopping;
        synchronized (this) {
            cancelled.put(hash, Boolean.TRUE);
            stopping = running.remove(hash);
        }
        if (stopping != null) {
            LOG.infof("%s: cancelled by an operator; %d items of it stop, with nothing published", hash,
                    stopping.size());
            stopping.forEach(Runnable::run);
        }
    }

    public synchronized boolean isCancelled(String hash) {
        return cancelled.containsKey(hash);
    }

    /**
     * {@code work}'s outcome, or empty as soon as the chain is cancelled: {@code work} is then
     * cancelled itself (Mutiny's cancellation: a timer stops, a call is abandoned, a permit given back).
     */
    public <T> Uni<Optional<T>> unlessCancelled(String hash, Uni<Optional<T>> work) {
        Uni<Optional<T>> cancellation = Uni.createFrom().emitter(emitter -> {
            Runnable stop = () -> {
                dropped.increment();
                emitter.complete(Optional.empty());
            };
            if (!watch(hash, stop)) {
                stop.run();
                return;
            }
            emitter.onTermination(() -> unwatch(hash, stop));
        });
        // A chain cancelled already: its work is not even started (the race below would start it).
        return Uni.createFrom()
                .deferred(() -> isCancelled(hash) ? cancellation : Uni.combine().any().of(work, cancellation));
    }

    /** Registers {@code stop} for the chain; false when it is cancelled already. */
    private synchronized boolean watch(String hash, Runnable stop) {
        if (cancelled.containsKey(hash)) {
            return false;
        }
        running.computeIfAbsent(hash, h -> new ArrayList<>()).add(stop);
        return true;
    }

    private synchronized void unwatch(String hash, Runnable stop) {
        List<Runnable> stops = running.get(hash);
        if (stops != null && stops.remove(stop) && stops.isEmpty()) {
            running.remove(hash);
        }
    }

    /** How many chains have work registered now (for tests: nothing is left behind). */
    synchronized int watched() {
        return running.size();
    }
}
