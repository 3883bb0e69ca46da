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

    /** Issue 19, case 10: a refused work message naming amqp://user:pass@... was kept verbatim for 30 days. */
    @Test
    void credentialsInAUrlNeverReachADeadLetter() {
        String refused = "{\"work_message\":{\"items\":[{\"order\":0,\"request\":{\"url\":\"amqp://user:s3cret@rabbit:5672\","
                + "\"endpoint\":\"q\",\"type\":\"AMQP\",\"method\":\"publish\"}},{\"x\":\"https://tok:en@h/p\",\"mail\":\"a@b.c\"}]}}";
        DeadLetterHeaders.DeadLetter letter = DeadLetterHeaders.deadLetter("k", refused.getBytes(StandardCharsets.UTF_8),
                List.of(), "refused", null, "t-0@1", "svc");
        String kept = new String(letter.value(), StandardCharsets.UTF_8);
        assertTrue(!kept.contains("s3cret") && !kept.contains("tok:en"), kept);
        assertEquals(refused.replace("user:s3cret@", "***@").replace("tok:en@", "***@"), kept, "the rest as it was");
        assertTrue(letter.headers().stream().anyMatch(h -> h.key().equals(WorkchainHeaders.DLQ_MASKED)));

        // Slashes escaped as some JSON writers do, and a password holding an '@'.
        String escaped = "{\"url\":\"amqp:\\/\\/user:p@ss@rabbit\\/vhost\"}";
        String keptEscaped = new String(DeadLetterHeaders.deadLetter("k", escaped.getBytes(StandardCharsets.UTF_8), List.of(),
                "r", null, "o", "s").value(), StandardCharsets.UTF_8);
        assertEquals("{\"url\":\"amqp:\\/\\/***@rabbit\\/vhost\"}", keptEscaped);

        byte[] clean = "{\"a\":\"mail a@b.c\"}".getBytes(StandardCharsets.UTF_8);
        assertSame(clean, DeadLetterHeaders.deadLetter("k", clean, List.of(), "r", null, "o", "s").value(), "untouched");
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
