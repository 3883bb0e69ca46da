package io.workchain.gateway.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.workchain.common.SafeUrls;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.message.Response;
import io.workchain.gateway.config.GatewayConfig;
import io.workchain.gateway.credentials.RouteCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a KAFKA item: the payload as the value, keyed by the chain's hash, the chain's headers
 * as record headers, to the topic its endpoint names on the brokers of its {@code kafka://} route
 * (one producer per route, acks=all, idempotent). COMPLETED once the record is acknowledged, with
 * topic, partition and offset as metadata. Runs on worker threads (a send may wait for metadata).
 * A route with security settings (SASL, TLS) has a producer of its own with them; the outcome is
 * masked of their secrets.
 */
@ApplicationScoped
public class KafkaPublisher {

    private final Map<String, KafkaProducer<String, byte[]>> producers = new ConcurrentHashMap<>();
    private final GatewayConfig config;
    private final RouteCredentials credentials;

    public KafkaPublisher(GatewayConfig config, RouteCredentials credentials) {
        this.config = config;
        this.credentials = credentials;
    }

    /** @param name the route's name (its security settings apply), or null */
    public Uni<InvocationOutcome> publish(URI route, String name, Invocation invocation, DeliveryBody body) {
        return Uni.createFrom()
                .item(() -> credentials.masker(name).mask(publishBlocking(route, name, invocation, body)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private InvocationOutcome publishBlocking(URI route, String name, Invocation invocation, DeliveryBody body) {
        String topic = invocation.request().endpoint();
        String where = "topic '" + topic + "' on " + SafeUrls.redact(route);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, invocation.hash(),
                body.isEmpty() ? new byte[0] : body.bytes());
        header(record, "content-type", body.contentType());
        header(record, CallHeaders.CHAIN_HASH, invocation.hash());
        header(record, CallHeaders.ORDER, Integer.toString(invocation.order()));
        header(record, CallHeaders.INDEX, Integer.toString(invocation.index()));
        header(record, CallHeaders.IDEMPOTENCY_KEY, invocation.idempotencyKey());
        header(record, CallHeaders.TRACEPARENT, invocation.traceparent());
        try {
            RecordMetadata sent = producer(route, name).send(record).get(config.callTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            return InvocationOutcome.completed(Response.success(null, JsonNodeFactory.instance.objectNode()
                    .put("published", "kafka").put("topic", sent.topic()).put("partition", sent.partition())
                    .put("offset", sent.offset()).toString()), 0, null);
        } catch (java.util.concurrent.TimeoutException e) {
            return InvocationOutcome.failed(FailureKind.TIMED_OUT, "no acknowledgement from " + where + " within "
                    + config.callTimeout().toMillis() + " ms", HttpTargetCaller.GATEWAY_TIMEOUT);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            FailureKind kind = cause instanceof RetriableException
                    ? FailureKind.RETRYABLE
                    : cause instanceof RecordTooLargeException ? FailureKind.TOO_LARGE : FailureKind.FINAL;
            return InvocationOutcome.failed(kind, "the publish to " + where + " failed: " + SafeUrls.describe(cause),
                    kind == FailureKind.RETRYABLE ? HttpTargetCaller.GATEWAY_TIMEOUT : 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return InvocationOutcome.failed(FailureKind.CANCELLED, "interrupted while publishing to " + where, 0);
        } catch (RuntimeException e) {
            return InvocationOutcome.failed(FailureKind.FINAL,
                    "the publish to " + where + " failed: " + SafeUrls.describe(e), 0);
        }
    }

    private KafkaProducer<String, byte[]> producer(URI route, String name) {
        // kafka://host:port[,host:port]: the authority is the bootstrap list.
        String bootstrap = route.getRawAuthority();
        Map<String, Object> security = credentials.kafkaSettings(name);
        // A route with its own security settings gets its own producer; the others share one per brokers.
        String key = security.isEmpty() ? bootstrap : "route " + name;
        return producers.computeIfAbsent(key, unused -> {
            Map<String, Object> settings = new HashMap<>(security);
            settings.putAll(settings(bootstrap));
            return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        });
    }

    private Map<String, Object> settings(String servers) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, config.callTimeout().toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(config.callTimeout().toMillis(), 1000),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(config.callTimeout().toMillis() - 1, 500),
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.CLIENT_ID_CONFIG, "workchain-gateway");
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    void close(@Observes ShutdownEvent event) {
        producers.values().forEach(producer -> producer.close(java.time.Duration.ofSeconds(5)));
    }
}
