package io.workchain.common;

import io.workchain.common.limits.Limits;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A dead letter always fits a record: its reason, its copied headers and its value are bounded. */
class DeadLetterHeadersTest {

    @Test
    void theReasonIsCutAndHugeOriginalHeadersAreLeftOut() {
        List<Header> original = List.of(new RecordHeader("small", "v".getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("huge", new byte[500_000]));
        List<Header> headers = DeadLetterHeaders.of(original, "x".repeat(3_000_000), "items[0]", "t-0@1", "svc");

        assertTrue(headers.stream().anyMatch(h -> h.key().equals("small")));
        assertTrue(headers.stream().noneMatch(h -> h.key().equals("huge")), "16 KiB of original headers at most");
        String reason = new String(headers.stream().filter(h -> h.key().equals(WorkchainHeaders.DLQ_REASON)).findFirst()
                .orElseThrow().value(), StandardCharsets.UTF_8);
        assertTrue(reason.length() <= Limits.MAX_REASON_CHARS, "reason of " + reason.length());
    }

    @Test
    void aValueTooLargeForARecordIsCutAndSaysItsSize() {
        List<Header> headers = new ArrayList<>();
        byte[] small = new byte[10];
        assertSame(small, DeadLetterHeaders.boundedValue(small, headers));
        assertTrue(headers.isEmpty());

        byte[] cut = DeadLetterHeaders.boundedValue(new byte[Limits.MAX_RECORD_BYTES + 5], headers);

        assertEquals(Limits.MAX_RECORD_BYTES, cut.length);
        assertEquals(Integer.toString(Limits.MAX_RECORD_BYTES + 5), new String(headers.get(0).value(), StandardCharsets.UTF_8));
        assertNull(DeadLetterHeaders.boundedValue(null, headers));
    }
}
