package io.workchain.notifier.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Gauge workchain_chains_held: the chains this instance holds in its store (running, and finished
 * ones within their retention), as RocksDB estimates it. NaN while the store is not queryable
 * (starting, rebalancing).
 */
@ApplicationScoped
public class HeldChainsGauge {

    void register(@Observes StartupEvent event, KafkaStreams streams, MeterRegistry registry) {
        Gauge.builder("workchain.chains.held", streams, HeldChainsGauge::held)
                .description("Chains held in this notifier's store (estimate)").register(registry);
    }

    private static double held(KafkaStreams streams) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(TopologyNames.CHAINS_STORE,
                    QueryableStoreTypes.keyValueStore())).approximateNumEntries();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
