package io.workchain.common;

import io.workchain.common.limits.Limits;
import io.workchain.common.limits.Reasons;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The headers of a dead-letter record: the original record's headers, then why it was refused,
 * the field at fault (when one is), where it came from and which service refused it. The value
 * and key are the original bytes, untouched.
 */
public final class DeadLetterHeaders {

    private DeadLetterHeaders() {}

    /** The original headers are kept only up to this many bytes in all: a dead letter must fit a record. */
    static final int MAX_ORIGINAL_HEADER_BYTES = 16_384;

    public static List<Header> of(Iterable<Header> original, String reason, String field, String origin,
            String service) {
        List<Header> headers = new ArrayList<>();
        int kept = 0;
        if (original != null) {
            for (Header header : original) {
                int size = header.key().length() + (header.value() == null ? 0 : header.value().length);
                if (kept + size > MAX_ORIGINAL_HEADER_BYTES) {
                    continue;
                }
                kept += size;
                headers.add(header);
            }
        }
        headers.add(text(WorkchainHeaders.DLQ_REASON, Reasons.bounded(reason)));
        if (field != null && !field.isEmpty()) {
            headers.add(text(WorkchainHeaders.DLQ_FIELD, Reasons.bounded(field, 200)));
        }
        headers.add(text(WorkchainHeaders.DLQ_ORIGIN, origin));
        headers.add(text(WorkchainHeaders.DLQ_SERVICE, service));
        return headers;
    }

    /**
     * The value a dead letter keeps: the original bytes, cut to {@link Limits#MAX_RECORD_BYTES} if
     * they would not fit a record (then {@code headers} get {@link WorkchainHeaders#DLQ_TRUNCATED}).
     */
    public static byte[] boundedValue(byte[] value, List<Header> headers) {
        if (value == null || value.length <= Limits.MAX_RECORD_BYTES) {
            return value;
        }
        headers.add(text(WorkchainHeaders.DLQ_TRUNCATED, Integer.toString(value.length)));
        return Arrays.copyOf(value, Limits.MAX_RECORD_BYTES);
    }

    /** A dead letter ready to write: key, value and headers, each bounded so that it fits a record. */
    public record DeadLetter(String key, byte[] value, List<Header> headers) {}

    /**
     * The dead letter of a record refused for {@code reason}: its key (cut to 200 characters), its
     * value with URL credentials masked ({@link SafeUrls#maskCredentials}, then {@link #boundedValue})
     * and its headers ({@link #of}). Every service writes these.
     */
    public static DeadLetter deadLetter(String key, byte[] value, Iterable<Header> original, String reason,
            String field,
            String origin, String service) {
        // A dead letter is kept for weeks and read by operators: no password travels into it, in
        // its value (a structured CloudEvent's base64 data included) or in its headers.
        List<Header> maskedHeaders = new ArrayList<>();
        boolean anyMasked = false;
        if (original != null) {
            for (Header header : original) {
                byte[] headerValue = SafeUrls.maskCredentials(header.value());
                anyMasked |= headerValue != header.value();
                maskedHeaders.add(headerValue == header.value() ? header : new RecordHeader(header.key(), headerValue));
            }
        }
        List<Header> headers = of(maskedHeaders, reason, field, origin, service);
        byte[] masked = SafeUrls.maskCredentials(value);
        if (masked != value || anyMasked) {
            headers.add(text(WorkchainHeaders.DLQ_MASKED, "true"));
        }
        byte[] kept = boundedValue(masked, headers);
        return new DeadLetter(key == null ? null : Reasons.bounded(key, 200), kept, headers);
    }

    /** topic-partition@offset, how a dead-letter record names where it came from. */
    public static String origin(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    private static Header text(String name, String value) {
        return WorkchainHeaders.text(name, value);
    }
}
