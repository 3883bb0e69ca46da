package io.workchain.notifier.stream;

import io.workchain.common.WorkchainHeaders;
import io.workchain.common.kafka.ChainPlacement;
import io.workchain.notifier.config.NotifierConfig;
import io.workchain.notifier.service.ControlRequest;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the operator's endpoints put a retry or a cancel: the control topic, keyed by the chain's
 * hash, on the chain's partition (common's ChainPlacement, whatever partitioner is configured),
 * which the fold reads with the chain's other records. The endpoint never touches the store: the
 * fold decides, in the exactly-once transaction that writes what follows. A plain producer with the
 * application's own client settings (StreamsConfig's, security included), made on first use.
 */
@ApplicationScoped
public class ControlTopic {

    /** How long a request may take to reach the broker before the endpoint answers 503. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Instance<StreamsConfig> config;
    private final String topic;
    private volatile Producer<String, byte[]> producer;

    /** Lazily: the application's settings come with the application, which is built from this topology. */
    public ControlTopic(Instance<StreamsConfig> config, NotifierConfig notifier) {
        this.config = config;
        this.topic = notifier.topics().control();
    }

    /** Writes the request and returns once the broker has it (all in-sync replicas). */
    public void send(ControlRequest request) throws ExecutionException, TimeoutException, InterruptedException {
        Producer<String, byte[]> writer = producer();
        int partition = ChainPlacement.partitionOf(request.hash(), writer.partitionsFor(topic).size());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, request.hash(), request.toJson(),
                WorkchainHeaders.json());
        writer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> settings = config.get().getProducerConfigs("workchain-notifier-control");
                    settings.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
                    // One request at a time, sent at once; bounded so that the endpoint answers in time.
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
