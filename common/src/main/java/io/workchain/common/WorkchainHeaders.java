package io.workchain.common;

import io.workchain.common.codec.WireFormat;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * Names of the Kafka record headers Workchain writes and reads, and how to write and read them.
 * (Not named after Kafka's own {@code RecordHeaders}, the container of a record's headers, so both
 * can be imported side by side.)
 */
public final class WorkchainHeaders {

    /** Encoding of the value: application/json or application/x-protobuf. */
    public static final String CONTENT_TYPE = "content-type";

    /**
     * On next-step records: when the chain's deadline passes (epoch milliseconds), so the ESB
     * holds work through an outage no longer than the chain may live.
     */
    public static final String DEADLINE = "workchain-deadline";

    /**
     * On next-step records: how long an item that names no timeout_ms may take from its step's
     * dispatch (milliseconds, the notifier's item-timeout), so the ESB holds it no longer than the
     * notifier waits for it: the notifier's settings are the only ones.
     */
    public static final String ITEM_TIMEOUT = "workchain-item-timeout";

    /**
     * On a steps record the notifier writes when an operator cancelled a chain (a marker: no work
     * message, the chain's hash as key, the cancelled attempt as value): the ESB that holds the
     * chain's work reads it on the same partition, after the steps it concerns, and drops that
     * work, held or waiting between tries, without publishing anything.
     */
    public static final String CANCELLED = "workchain-cancelled";

    /**
     * On a record the notifier put in place (written again keyed by its hash, onto its chain's
     * partition): where the client's record was (topic-partition@offset). Informational only: a
     * client can write any header, so nothing is decided by it.
     */
    public static final String PLACED_FROM = "workchain-placed-from";

    /** On dead-letter records: why the record was refused, in words. */
    public static final String DLQ_REASON = "workchain-dlq-reason";
    /** On dead-letter records: the field at fault, when one is. */
    public static final String DLQ_FIELD = "workchain-dlq-field";
    /** On dead-letter records: where the record came from (topic-partition@offset). */
    public static final String DLQ_ORIGIN = "workchain-dlq-origin";
    /** On dead-letter records: the service that refused it. */
    public static final String DLQ_SERVICE = "workchain-dlq-service";
    /** On dead-letter records whose value had URL credentials, masked ("scheme://***@"): true. */
    public static final String DLQ_MASKED = "workchain-dlq-masked";
    /** On dead-letter records whose value was cut to fit a record: the original size in bytes. */
    public static final String DLQ_TRUNCATED = "workchain-dlq-truncated";

    private WorkchainHeaders() {}

    /** The content-type header of a record written in {@code format}. */
    public static Header contentType(WireFormat format) {
        return new RecordHeader(CONTENT_TYPE, format.contentType().getBytes(StandardCharsets.UTF_8));
    }

    /** The headers of a record written as JSON: its content type. */
    public static Headers json() {
        return new RecordHeaders(new Header[]{contentType(WireFormat.JSON)});
    }

    /** A text header. */
    public static Header text(String name, String value) {
        return new RecordHeader(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }

    /** A header's value as a number, or null when absent or not a number. */
    public static Long number(Headers headers, String name) {
        String text = text(headers, name);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The text of a record's last header of that name, or null. */
    public static String text(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
