package io.workchain.esb.kafka;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.message.NotificationMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Writes notification messages, keyed by chain hash, as JSON. */
@ApplicationScoped
public class NotificationPublisher {

    private final MutinyEmitter<byte[]> emitter;

    public NotificationPublisher(@Channel(Channels.NOTIFICATIONS) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the record. */
    public Uni<Void> publish(NotificationMessage notification) {
        return emitter.sendMessage(KafkaRecords.record(notification.hash(), MessageCodec.toJson(notification),
                KafkaRecords.jsonContentType()));
    }
}
