package io.workchain.common;

import io.workchain.common.limits.Limits;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        DeadLetterHeaders.DeadLetter letter = DeadLetterHeaders.deadLetter("k",
                refused.getBytes(StandardCharsets.UTF_8),
                List.of(), "refused", null, "t-0@1", "svc");
        String kept = new String(letter.value(), StandardCharsets.UTF_8);
        assertTrue(!kept.contains("s3cret") && !kept.contains("tok:en"), kept);
        assertEquals(refused.replace("user:s3cret@", "***@").replace("tok:en@", "***@"), kept, "the rest as it was");
        assertTrue(letter.headers().stream().anyMatch(h -> h.key().equals(WorkchainHeaders.DLQ_MASKED)));

        // Slashes escaped as some JSON writers do, and a password holding an '@'.
        String escaped = "{\"url\":\"amqp:\\/\\/user:p@ss@rabbit\\/vhost\"}";
        String keptEscaped = new String(
                DeadLetterHeaders.deadLetter("k", escaped.getBytes(StandardCharsets.UTF_8), List.of(),
                        "r", null, "o", "s").value(),
                StandardCharsets.UTF_8);
        assertEquals("{\"url\":\"amqp:\\/\\/***@rabbit\\/vhost\"}", keptEscaped);

        byte[] clean = "{\"a\":\"mail a@b.c\"}".getBytes(StandardCharsets.UTF_8);
        assertSame(clean, DeadLetterHeaders.deadLetter("k", clean, List.of(), "r", null, "o", "s").value(),
                "untouched");
    }

    /** Spellings the first masking missed: JSON escapes of '@', ':' and '/', base64 CloudEvent data, headers. */
    @Test
    void credentialsAreMaskedHoweverTheyAreSpeltOrCarried() {
        String unicode = "{\"url\":\"amqp\\u003a\\u002f\\u002fuser:s3cret\\u0040rabbit:5672\"}";
        String keptUnicode = keptValue(unicode.getBytes(StandardCharsets.UTF_8));
        assertFalse(keptUnicode.contains("s3cret"), keptUnicode);
        assertEquals("{\"url\":\"amqp\\u003a\\u002f\\u002f***@rabbit:5672\"}", keptUnicode);

        String inner = "{\"work_message\":{\"items\":[{\"request\":{\"url\":\"amqp://user:s3cret@rabbit\"}}]}}";
        String event = "{\"specversion\":\"1.0\",\"data_base64\":\""
                + Base64.getEncoder().encodeToString(inner.getBytes(StandardCharsets.UTF_8)) + "\"}";
        String keptEvent = keptValue(event.getBytes(StandardCharsets.UTF_8));
        String data = keptEvent.replaceAll(".*\"data_base64\":\"([^\"]*)\".*", "$1");
        assertEquals(inner.replace("user:s3cret@", "***@"),
                new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8));

        List<Header> original = List.of(
                new RecordHeader("ce_source", "amqp://user:s3cret@rabbit".getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("other", "plain".getBytes(StandardCharsets.UTF_8)));
        DeadLetterHeaders.DeadLetter letter = DeadLetterHeaders.deadLetter("k", "{}".getBytes(StandardCharsets.UTF_8),
                original,
                "r", null, "o", "s");
        assertEquals("amqp://***@rabbit", header(letter, "ce_source"));
        assertEquals("plain", header(letter, "other"));
        assertEquals("true", header(letter, WorkchainHeaders.DLQ_MASKED));
    }

    /** Whatever surrounds it and however its separators are escaped, a URL's password never survives. */
    @Property(tries = 300)
    void noSpellingOfAUrlKeepsItsPassword(@ForAll @AlphaChars @StringLength(min = 6, max = 20) String password,
            @ForAll("separators") String colon, @ForAll("slashes") String slash,
            @ForAll("ats") String at, @ForAll @StringLength(max = 40) String before) {
        String text = before.replace("\\", "") + "\"amqp" + colon + slash + slash + "user:" + password + at + "host"
                + slash + "v\"";
        String kept = keptValue(text.getBytes(StandardCharsets.UTF_8));
        assertFalse(kept.contains(password), kept);
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of(":", "\\u003a", "\\u003A");
    }

    @Provide
    Arbitrary<String> slashes() {
        return Arbitraries.of("/", "\\/", "\\u002f", "\\u002F");
    }

    @Provide
    Arbitrary<String> ats() {
        return Arbitraries.of("@", "\\u0040");
    }

    private static String keptValue(byte[] value) {
        return new String(DeadLetterHeaders.deadLetter("k", value, List.of(), "r", null, "o", "s").value(),
                StandardCharsets.UTF_8);
    }

    private static String header(DeadLetterHeaders.DeadLetter letter, String name) {
        return letter.headers().stream().filter(h -> h.key().equals(name))
                .map(h -> new String(h.value(), StandardCharsets.UTF_8))
                .findFirst().orElse(null);
    }

    @Test
    void aValueTooLargeForARecordIsCutAndSaysItsSize() {
        List<Header> headers = new ArrayList<>();
        byte[] small = new byte[10];
        assertSame(small, DeadLetterHeaders.boundedValue(small, headers));
        assertTrue(headers.isEmpty());

        byte[] cut = DeadLetterHeaders.boundedValue(new byte[Limits.MAX_RECORD_BYTES + 5], headers);

        assertEquals(Limits.MAX_RECORD_BYTES, cut.length);
        assertEquals(Integer.toString(Limits.MAX_RECORD_BYTES + 5),
                new String(headers.get(0).value(), StandardCharsets.UTF_8));
        assertNull(DeadLetterHeaders.boundedValue(null, headers));
    }
}
