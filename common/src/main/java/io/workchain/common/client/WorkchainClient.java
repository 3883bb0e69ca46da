package io.workchain.common.client;

import io.workchain.common.WorkchainHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.MessageValidator;
import io.workchain.common.message.WorkMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Submits work messages and hands back their completion messages, with nothing but kafka-clients.
 *
 * <pre>{@code
 * try (WorkchainClient client = WorkchainClient.start(WorkchainClientConfig.of("127.0.0.1:9092"))) {
 *     CompletionMessage done = client.submit(work).toCompletableFuture().join();
 * }
 * }</pre>
 *
 * The client reads every partition of the completion topic from its end at start (no consumer
 * group, so no offsets are committed and several clients never steal each other's completions),
 * and completes the stage whose chain hash matches; completions of other chains are ignored.
 */
public final class WorkchainClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkchainClient.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final WorkchainClientConfig config;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ConcurrentHashMap<String, CompletableFuture<CompletionMessage>> pending = new ConcurrentHashMap<>();
    private final CountDownLatch listening = new CountDownLatch(1);
    private final Thread listener;
    private volatile boolean closed;

    private WorkchainClient(WorkchainClientConfig config) {
        this.config = config;
        this.producer = new KafkaProducer<>(producerProperties(config));
        this.consumer = new KafkaConsumer<>(consumerProperties(config));
        this.listener = new Thread(this::listen, "workchain-client-completions");
        this.listener.setDaemon(true);
    }

    /** Connects and waits until the completion topic is being listened to. */
    public static WorkchainClient start(WorkchainClientConfig config) {
        WorkchainClient client = new WorkchainClient(config);
        client.listener.start();
        try {
            if (!client.listening.await(30, TimeUnit.SECONDS)) {
                client.close();
                throw new IllegalStateException("could not listen to " + config.completionTopic() + " within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new IllegalStateException("interrupted while starting", e);
        }
        return client;
    }

    /**
     * Puts the work message on the work topic (keyed by its hash, computed when absent) and returns
     * a stage completed by its completion message, or failed with {@link TimeoutException} after the
     * configured timeout, or with {@link MalformedMessageException} when the message is invalid.
     */
    public CompletionStage<CompletionMessage> submit(WorkMessage work) {
        WorkMessage hashed;
        byte[] value;
        try {
            hashed = ChainHash.ensure(work);
            value = MessageCodec.encode(hashed, config.format());
        } catch (MalformedMessageException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<CompletionMessage> completion = new CompletableFuture<>();
        CompletableFuture<CompletionMessage> earlier = pending.putIfAbsent(hashed.hash(), completion);
        if (earlier != null) {
            // The same chain twice: both callers get the one completion the system sends.
            return earlier;
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(config.workTopic(), hashed.hash(), value);
        record.headers().add(WorkchainHeaders.contentType(config.format()));
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                pending.remove(hashed.hash(), completion);
                completion.completeExceptionally(error);
            }
        });
        long timeoutMs = config.completionTimeout().toMillis();
        return completion.orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .whenComplete((done, error) -> pending.remove(hashed.hash(), completion));
    }

    /**
     * Runs the same items again on purpose: {@link #submit(WorkMessage)} of the work under
     * {@code runId}, which is part of the hash, so the chain is a new one with its own completion
     * (the same work submitted again without a run id is a duplicate of the first, and is ignored).
     * A message whose run id is not valid fails the stage with {@link MalformedMessageException}.
     */
    public CompletionStage<CompletionMessage> submit(WorkMessage work, String runId) {
        WorkMessage run;
        try {
            run = ChainHash.ensure(work).withRunId(runId); // the hash given with the work checked first
            MessageValidator.validateWork(run);
        } catch (MalformedMessageException e) {
            return CompletableFuture.failedFuture(e);
        }
        return submit(run);
    }

    /** How many submitted chains still wait for their completion. */
    public int pendingCount() {
        return pending.size();
    }

    private void listen() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(config.completionTopic(), Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end now, before any submit
            listening.countDown();
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    onCompletionRecord(record);
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                LOG.error("completion listener woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("completion listener stopped", e);
            pending.values().forEach(f -> f.completeExceptionally(e));
        } finally {
            consumer.close();
        }
    }

    private void onCompletionRecord(ConsumerRecord<String, byte[]> record) {
        CompletableFuture<CompletionMessage> waiting = record.key() == null ? null : pending.get(record.key());
        if (waiting == null && record.key() != null) {
            return; // another chain's completion
        }
        try {
            CompletionMessage completion = MessageCodec.decode(record.value(),
                    WorkchainHeaders.text(record.headers(), WorkchainHeaders.CONTENT_TYPE), CompletionMessage.class);
            CompletableFuture<CompletionMessage> target = pending.get(completion.hash());
            if (target != null) {
                target.complete(completion);
            }
        } catch (MalformedMessageException e) {
            LOG.warn("ignoring an unreadable completion record at {}-{}@{}: {}",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            listener.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("client closed")));
    }

    private static Properties producerProperties(WorkchainClientConfig config) {
        Properties props = new Properties();
        props.putAll(config.kafkaProperties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return props;
    }

    private static Properties consumerProperties(WorkchainClientConfig config) {
        Properties props = new Properties();
        props.putAll(config.kafkaProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }
}
