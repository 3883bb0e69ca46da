package io.workchain.common.cloudevents;

import io.workchain.common.WorkchainHeaders;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * CloudEvents 1.0 in binary mode on Kafka (the Kafka protocol binding): the event's attributes as
 * {@code ce_*} headers, the message itself as the value, its {@code content-type} header as the
 * data content type. Written on notifications and completions, so Knative, Camel or any
 * CloudEvents consumer can route them by type and subject (the chain's hash).
 */
public final class CloudEventHeaders {

    public static final String PREFIX = "ce_";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";

    public static final String VERSION = "1.0";
    /** The type of a notification message: one or more items of a chain answered. */
    public static final String NOTIFICATION_TYPE = "io.workchain.message.notification";
    /** The type of a completion message: a chain ended (COMPLETED or FAILED). */
    public static final String COMPLETION_TYPE = "io.workchain.message.completion";

    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

    private CloudEventHeaders() {}

    /**
     * The headers of one event. {@code id} names the event within {@code source}, unique per event
     * (the ids below carry the time the event was made): a copy of the same record, put in place,
     * keeps it, so consumers that drop duplicates by id see it once.
     */
    public static List<Header> of(String type, String source, String id, String subject, long epochMillis) {
        return List.of(
                WorkchainHeaders.text(SPEC_VERSION, VERSION),
                WorkchainHeaders.text(ID, id),
                WorkchainHeaders.text(SOURCE, source),
                WorkchainHeaders.text(TYPE, type),
                WorkchainHeaders.text(SUBJECT, subject),
                WorkchainHeaders.text(TIME, RFC_3339.format(Instant.ofEpochMilli(epochMillis))));
    }

    /**
     * A notification's id: the chain and the item it answers (order, and index when given), and
     * when it was made (a chain run again after its retention answers the same items anew).
     */
    public static String notificationId(String hash, int order, Integer index, long epochMillis) {
        return hash + "/" + order + (index == null ? "" : "/" + index) + "@" + epochMillis;
    }

    /** A completion's id: the chain, and when it ended (a refusal's answer and a later run's completion differ). */
    public static String completionId(String hash, long epochMillis) {
        return hash + "/completion@" + epochMillis;
    }

    /** Whether a header is a CloudEvents attribute (a record passed on gets its own, not its cause's). */
    public static boolean isAttribute(String headerKey) {
        return headerKey.startsWith(PREFIX);
    }

    /** Adds the headers of one event to {@code headers}, replacing any CloudEvents attributes there. */
    public static void replace(Headers headers, List<Header> event) {
        for (Header header : event) {
            headers.remove(header.key());
            headers.add(header);
        }
    }
}
