package io.workchain.esb.kafka;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.cloudevents.CloudEventHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Response;
import io.workchain.common.message.ResultItem;
import io.workchain.esb.config.EsbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes notification messages, keyed by chain hash, in the topics' wire format
 * ({@code workchain.wire-format}: JSON by default, or protobuf). A notification always fits a
 * record: one whose encoding would pass the record limit (a large answer, JSON escaping included)
 * is written as a failure of its item that says so. A write the broker does not take (it is down,
 * say) is tried again until it is: the work record stays unacknowledged meanwhile.
 */
@ApplicationScoped
public class NotificationPublisher {

    private static final Logger LOG = Logger.getLogger(NotificationPublisher.class);
    /** The ESB's CloudEvents source. */
    static final String SOURCE = "/workchain/esb";

    private final MutinyEmitter<byte[]> emitter;
    private final int maxRecordBytes;
    private final WireFormat format;

    public NotificationPublisher(@Channel(Channels.NOTIFICATIONS) MutinyEmitter<byte[]> emitter, EsbConfig config,
            @ConfigProperty(name = WireFormat.CONFIG_KEY, defaultValue = "json") WireFormat format) {
        this.emitter = emitter;
        this.maxRecordBytes = config.limits().maxRecordBytes();
        this.format = format;
    }

    /** Completes when the broker has acknowledged the record; {@code traceparent} (may be null) goes along as a header. */
    public Uni<Void> publish(NotificationMessage notification, String traceparent) {
        byte[] value = fit(notification, maxRecordBytes, format);
        List<Header> headers = new ArrayList<>(cloudEvent(notification));
        headers.add(WorkchainHeaders.contentType(format));
        if (traceparent != null) {
            headers.add(WorkchainHeaders.text(CallHeaders.TRACEPARENT, traceparent));
        }
        return KafkaRecords.sendUntilTaken(emitter, () -> KafkaRecords.record(notification.hash(), value, headers),
                "a notification of " + notification.hash());
    }

    /** The notification as a CloudEvent (binary mode): its id names the item it answers. */
    static List<Header> cloudEvent(NotificationMessage notification) {
        ResultItem item = notification.items().get(0);
        long now = System.currentTimeMillis();
        return CloudEventHeaders.of(CloudEventHeaders.NOTIFICATION_TYPE, SOURCE,
                CloudEventHeaders.notificationId(notification.hash(), item.order(), item.index(), now),
                notification.hash(), now);
    }

    /**
     * The notification in {@code format} if it fits {@code maxRecordBytes}; else a failure of its
     * item saying how large it would have been, which always fits (its reason is bounded).
     */
    static byte[] fit(NotificationMessage notification, int maxRecordBytes, WireFormat format) {
        byte[] value = MessageCodec.encode(notification, format);
        if (value.length <= maxRecordBytes) {
            return value;
        }
        ResultItem item = notification.items().get(0);
        String reason = "the answer is too large to pass on: its notification would be " + value.length
                + " bytes, over the record limit of " + maxRecordBytes + " (workchain.esb.limits.max-record-bytes)";
        LOG.warnf("%s/%d: %s", notification.hash(), item.order(), reason);
        return MessageCodec.encode(new NotificationMessage(notification.hash(), List.of(new ResultItem(item.order(),
                item.index(),
                Response.failure(reason, "{\"retryable\":false,\"kind\":\"too_large\",\"too_large\":true}")))), format);
    }
}
