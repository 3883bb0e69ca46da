package io.workchain.demo.kafka;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.workchain.common.RecordHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.message.NotificationMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;

/** Publishes a notification message on the notification topic, keyed by its chain hash, as JSON. */
@ApplicationScoped
public class NotificationPublisher {

    private final MutinyEmitter<byte[]> emitter;

    public NotificationPublisher(@Channel(Channels.NOTIFICATIONS) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has the record. */
    public Uni<Void> publish(NotificationMessage notification) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(notification.hash())
                .withHeaders(new org.apache.kafka.common.header.internals.RecordHeaders(
                        List.of(RecordHeaders.contentType(WireFormat.JSON))))
                .build();
        return emitter.sendMessage(Message.of(MessageCodec.toJson(notification)).addMetadata(metadata));
    }
}
