package io.workchain.notifier.stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.streams.StreamsConfig;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The partition counts of the topics the fold reads, as the cluster has them: asked of the broker
 * with the application's own client settings (StreamsConfig's admin settings, security included),
 * once per topic, then refreshed in the background every minute. A count, once known, is always at
 * hand: nothing on the stream thread's path waits on the broker or on Kafka Streams' own state
 * (which refuses queries while the application shuts down). Until a topic's first count is
 * known, the stream thread waits for it (the broker is down, and so is everything else).
 */
@ApplicationScoped
public class TopicPartitionCounts implements ChainHome {

    private static final Logger LOG = Logger.getLogger(TopicPartitionCounts.class);
    private static final long REFRESH_NANOS = Duration.ofMinutes(1).toNanos();
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

    private final Instance<StreamsConfig> config;
    private final Map<String, Known> counts = new ConcurrentHashMap<>();
    /** Topics whose first count has been asked for in the background and not yet answered. */
    private final Set<String> asking = ConcurrentHashMap.newKeySet();
    private volatile Admin admin;

    private record Known(int partitions, long readAt) {}

    /** Lazily: the application's settings come with the application, which is built from this topology. */
    public TopicPartitionCounts(Instance<StreamsConfig> config) {
        this.config = config;
    }

    @Override
    public int partitions(String topic) {
        Known known = counts.get(topic);
        if (known == null) {
            return firstCount(topic);
        }
        if (System.nanoTime() - known.readAt() > REFRESH_NANOS) {
            counts.put(topic, new Known(known.partitions(), System.nanoTime())); // one refresh at a time
            askInBackground(topic);
        }
        return known.partitions();
    }

    /**
     * Whether the counts of every one of {@code topics} are known; those that are not are asked for
     * in the background (once at a time), so a later call finds them. Readiness asks this
     * (health/StreamsRunningHealthCheck): the first record read after a start then finds its topic's
     * count at hand, where before the first chain waited for the admin client to be made and the
     * broker to answer (12 ms in a flight recording, with the broker idle).
     */
    public boolean known(Collection<String> topics) {
        boolean all = true;
        for (String topic : topics) {
            if (counts.containsKey(topic)) {
                continue;
            }
            all = false;
            if (asking.add(topic)) {
                askInBackground(topic).whenComplete((done, error) -> asking.remove(topic));
            }
        }
        return all;
    }

    /** Asks the broker for a topic's count without waiting; remembered when it answers, logged when not. */
    private KafkaFuture<Void> askInBackground(String topic) {
        return admin().describeTopics(List.of(topic)).allTopicNames().whenComplete((described, error) -> {
            if (error == null) {
                remember(topic, described.get(topic));
            } else {
                LOG.debugf("could not ask for the partition count of %s: %s", topic, error.getMessage());
            }
        }).thenApply(described -> null);
    }

    private int firstCount(String topic) {
        for (long backoff = 100;; backoff = Math.min(backoff * 2, 5_000)) {
            try {
                TopicDescription description = admin().describeTopics(List.of(topic)).allTopicNames()
                        .get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
                return remember(topic, description);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf("waiting for the partition count of %s: %s", topic, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while asking for the partition count of " + topic, e);
            }
            sleep(backoff);
        }
    }

    private int remember(String topic, TopicDescription description) {
        int partitions = description.partitions().size();
        Known before = counts.put(topic, new Known(partitions, System.nanoTime()));
        if (before != null && before.partitions() != partitions) {
            LOG.warnf("%s now has %d partitions (had %d): the chains placed before keep their partition", topic,
                    partitions, before.partitions());
        }
        return partitions;
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(config.get().getAdminConfigs("workchain-notifier-placement"));
                }
                current = admin;
            }
        }
        return current;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
