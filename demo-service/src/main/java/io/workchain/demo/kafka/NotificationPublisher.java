package io.workchain.demo.kafka;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.workchain.common.RecordHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.message.NotificationMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
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
                .withHeaders(List.of(new RecordHeader(RecordHeaders.CONTENT_TYPE,
                        WireFormat.JSON.contentType().getBytes(StandardCharsets.UTF_8))))
                .build();
        return emitter.sendMessage(Message.of(MessageCodec.toJson(notification)).addMetadata(metadata));
    }
}
