package io.workchain.notifier.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.workchain.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The notifier's topology: work, notification and control topics (co-partitioned by hash) into one
 * fold processor with persistent, changelogged stores of chain states and of their timers; out to
 * the steps topic (next steps, cancel markers), the work and notification topics (records put in place: keyed by their
 * hash, on their chain's partition), the completion and dead-letter topics. Every sink places a key
 * with Kafka's Java partitioner (the producer's default), the rule {@link ChainHome} checks.
 */
@ApplicationScoped
public class NotifierTopology {

    @Produces
    public Topology topology(NotifierConfig config, MeterRegistry registry, Tracer tracer, ChainHome home) {
        ChainMetrics metrics = new ChainMetrics(registry);
        NotifierConfig.TopicNames topics = config.topics();
        Topology topology = new Topology();
        topology.addSource(TopologyNames.WORK_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                topics.work());
        topology.addSource(TopologyNames.NOTIFICATION_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                topics.notification());
        // Operators' retries and cancels, written by this service's endpoints on the chain's partition:
        // folded with the chain's other records, so what follows commits with the state it changes.
        topology.addSource(TopologyNames.CONTROL_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                topics.control());
        PromptCommits promptCommits = new PromptCommits(config.notifier().promptCommitAfterIdle());
        topology.addProcessor(TopologyNames.FOLD,
                () -> new ChainFoldProcessor(config, metrics, tracer, home, promptCommits),
                TopologyNames.WORK_SOURCE, TopologyNames.NOTIFICATION_SOURCE, TopologyNames.CONTROL_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.CHAINS_STORE), Serdes.String(), new ChainStateSerde()),
                TopologyNames.FOLD);
        // The timers are an index of the chain states (each state holds its timer): kept locally, not
        // changelogged, and rebuilt from the chains store whenever the processor starts (ChainTimers).
        // That saves the broker two changelog writes per timer move, most of a step's store writes.
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.TIMERS_STORE), Serdes.String(), Serdes.String())
                .withLoggingDisabled(), TopologyNames.FOLD);
        // The listing's index (summaries, newest first): like the timers, rebuilt from the chains
        // store when the processor starts (ChainIndex), so never changelogged.
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.INDEX_STORE), Serdes.String(), Serdes.String())
                .withLoggingDisabled(), TopologyNames.FOLD);
        topology.addSink(TopologyNames.STEPS_SINK, topics.steps(), new StringSerializer(), new ByteArraySerializer(),
                TopologyNames.FOLD);
        topology.addSink(TopologyNames.WORK_SINK, topics.work(), new StringSerializer(), new ByteArraySerializer(),
                TopologyNames.FOLD);
        topology.addSink(TopologyNames.NOTIFICATION_SINK, topics.notification(), new StringSerializer(),
                new ByteArraySerializer(), TopologyNames.FOLD);
        topology.addSink(TopologyNames.COMPLETION_SINK, topics.completion(), new StringSerializer(),
                new ByteArraySerializer(), TopologyNames.FOLD);
        topology.addSink(TopologyNames.DEAD_LETTER_SINK, topics.deadLetter(), new StringSerializer(),
                new ByteArraySerializer(), TopologyNames.FOLD);
        return topology;
    }
}
