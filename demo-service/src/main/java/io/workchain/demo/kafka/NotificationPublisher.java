package io.workchain.demo.kafka;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.cloudevents.CloudEventHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.ResultItem;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes the asynchronous endpoint's notification on the notification topic, keyed by its chain
 * hash, as JSON. Written here rather than shared with the ESB's publisher on purpose: the demo
 * stands for a third party's service, which publishes its notification with whatever Kafka client
 * it has and takes only the message format (codec, header names) from {@code common}; the ESB's
 * publisher also bounds the record and waits out broker outages, which a sample need not show.
 */
@ApplicationScoped
public class NotificationPublisher {

    /** The Reactive Messaging channel to the notification topic (the topic is set in application.properties). */
    public static final String CHANNEL = "notifications";
    /** This service's CloudEvents source. */
    static final String SOURCE = "/workchain/demo-service";

    private final MutinyEmitter<byte[]> emitter;

    public NotificationPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /**
     * Completes when the broker has the record. It carries {@code traceparent} (the request's span,
     * may be null), so the notifier's fold joins the chain's trace.
     */
    public Uni<Void> publish(NotificationMessage notification, String traceparent) {
        Headers headers = WorkchainHeaders.json();
        ResultItem item = notification.items().get(0);
        // A CloudEvent in binary mode, as Workchain's own notifications are.
        long now = System.currentTimeMillis();
        CloudEventHeaders.of(CloudEventHeaders.NOTIFICATION_TYPE, SOURCE,
                CloudEventHeaders.notificationId(notification.hash(), item.order(), item.index(), now),
                notification.hash(), now)
                .forEach(headers::add);
        if (traceparent != null) {
            headers.add(WorkchainHeaders.text(CallHeaders.TRACEPARENT, traceparent));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(notification.hash())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(MessageCodec.toJson(notification)).addMetadata(metadata));
    }
}
