package io.workchain.notifier.stream;

import io.workchain.common.kafka.ChainPlacement;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How the notifier's HTTP endpoints write a record for the fold (an operator's retry or cancel, a
 * service's callback): keyed by the chain's hash, on the chain's partition (common's
 * ChainPlacement, whatever partitioner is configured), acknowledged by every in-sync replica
 * before the endpoint answers. A plain producer with the application's own client settings
 * (StreamsConfig's, security included), made on first use, bounded in time.
 */
@ApplicationScoped
public class EndpointProducer {

    /** How long a record may take to reach the broker before the endpoint answers 503. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Instance<StreamsConfig> config;
    private volatile Producer<String, byte[]> producer;

    /** Lazily: the application's settings come with the application, which is built from this topology. */
    public EndpointProducer(Instance<StreamsConfig> config) {
        this.config = config;
    }

    /** Writes the record and returns once the broker has it (all in-sync replicas). */
    public void send(String topic, String hash, byte[] value, Headers headers)
            throws ExecutionException, TimeoutException, InterruptedException {
        Producer<String, byte[]> writer = producer();
        int partition = ChainPlacement.partitionOf(hash, writer.partitionsFor(topic).size());
        writer.send(new ProducerRecord<>(topic, partition, hash, value, headers))
                .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> settings = config.get().getProducerConfigs("workchain-notifier-endpoints");
                    settings.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
                    // One record at a time, sent at once; bounded so that the endpoint answers in time.
                    settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
                    settings.put(ProducerConfig.ACKS_CONFIG, "all");
                    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
                    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() / 2);
                    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
                    producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }
}
