package io.workchain.esb.service;

import com.sun.management.ThreadMXBean;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.WorkMessage;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaceholderResolverTest {

    private static final int LIMIT = 65_536;

    private static WorkMessage chain(String laterPayload) {
        return WorkMessage.builder()
                .item(0, Request.http("demo", "/a", "POST", "{\"text\":\"hi\"}"))
                .item(1, Request.http("demo", "/b", "POST", "{}"))
                .item(1, Request.http("demo", "/c", "POST", "{}"))
                .item(2, Request.http("demo", "/d", "POST", laterPayload))
                .build()
                .withResponse(0, Response.success("{\"text\":\"HI \\\"you\\\"\",\"n\":{\"k\":[1,2]}}", null))
                .withResponse(1, Response.success("{\"words\":1}", null))
                .withResponse(2, Response.failure("boom", null));
    }

    @Test
    void wholeDataOfAStep() {
        assertEquals("{\"text\":\"HI \\\"you\\\"\",\"n\":{\"k\":[1,2]}}", payload("{{order:0}}"));
    }

    @Test
    void pointerToAStringIsInsertedEscapedWithoutQuotes() {
        assertEquals("{\"text\":\"HI \\\"you\\\" again\"}", payload("{\"text\":\"{{order:0/text}} again\"}"));
    }

    @Test
    void pointerToOtherValuesInsertsTheirJson() {
        assertEquals("{\"n\":{\"k\":[1,2]},\"w\":1,\"k1\":2}",
                payload("{\"n\":{{order:0/n}},\"w\":{{ item:1/words }},\"k1\":{{order:0/n/k/1}}}"));
    }

    @Test
    void unrelatedBracesAreLeftAlone() {
        assertEquals("{{name}} {{order:x}}", payload("{{name}} {{order:x}}"));
    }

    @Test
    void requestWithoutPlaceholderIsReturnedAsIs() {
        WorkMessage work = chain("{\"plain\":true}");
        assertSame(work.items().get(3).request(), PlaceholderResolver.resolve(work, 3, LIMIT));
    }

    @Test
    void errorsAreClear() {
        assertError("{{order:1}}",
                "payload placeholder '{{order:1}}' names step 1, which has 2 items: name one with {{item:I}}");
        assertError("{{order:7}}", "payload placeholder '{{order:7}}' names step 7, which the chain does not have");
        assertError("{{item:9}}", "payload placeholder '{{item:9}}' names item 9, but the chain has 4 items");
        assertError("{{item:2}}", "payload placeholder '{{item:2}}' refers to an item that failed");
        assertError("{{item:3}}",
                "payload placeholder '{{item:3}}' refers to step 2, which does not run before this item's step 2");
        assertError("{{order:0/missing}}",
                "payload placeholder '{{order:0/missing}}' points to /missing, which the data does not have");
        assertError("{{item:99999999999}}",
                "payload placeholder '{{item:99999999999}}' names a number too large for any chain");
        assertError("{{order:2147483648}}",
                "payload placeholder '{{order:2147483648}}' names a number too large for any chain");
    }

    /**
     * Step 0 answers 60 KB; step 1 names it 6,000 times, well within the payload limit as written.
     * Resolved in full that is 360 MB: it must stop at the limit, having built no more than that.
     */
    @Test
    void aPayloadThatWouldGrowPastTheLimitStopsAtTheLimit() {
        WorkMessage amplifier = WorkMessage.builder()
                .item(0, Request.http("demo", "/a", "POST", "{}"))
                .item(1, Request.http("demo", "/b", "POST", "{{item:0}}".repeat(6_000)))
                .build()
                .withResponse(0, Response.success("x".repeat(60_000), null));
        long before = allocatedBytes();
        PlaceholderException error = assertThrows(PlaceholderException.class,
                () -> PlaceholderResolver.resolve(amplifier, 1, LIMIT));
        long allocated = allocatedBytes() - before;
        assertEquals("payload placeholder '{{item:0}}' makes the payload longer than the limit of 65536 characters"
                + " (workchain.esb.limits.max-payload-chars)", error.getMessage());
        assertTrue(allocated < 20_000_000, "stopped early: " + allocated + " bytes allocated, not hundreds of MB");
    }

    @Test
    void pointersIntoLargeDataStopAtTheLimitAndWithinItResolve() {
        String large = "{\"text\":\"" + "y".repeat(30_000) + "\"}";
        WorkMessage work = WorkMessage.builder()
                .item(0, Request.http("demo", "/a", "POST", "{}"))
                .item(1, Request.http("demo", "/b", "POST", "{{order:0/text}}".repeat(3_000)))
                .item(2, Request.http("demo", "/c", "POST", "{{order:0/text}}{{order:0/text}}"))
                .build()
                .withResponse(0, Response.success(large, null));
        assertThrows(PlaceholderException.class, () -> PlaceholderResolver.resolve(work, 1, LIMIT));
        assertEquals("y".repeat(60_000), PlaceholderResolver.resolve(work, 2, LIMIT).payload(), "within the limit");
    }

    /** Bytes this thread has allocated so far (HotSpot's count: what the resolver built, not what survived). */
    private static long allocatedBytes() {
        return ((ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static String payload(String laterPayload) {
        return PlaceholderResolver.resolve(chain(laterPayload), 3, LIMIT).payload();
    }

    private static void assertError(String laterPayload, String message) {
        PlaceholderException error = assertThrows(PlaceholderException.class, () -> payload(laterPayload));
        assertEquals(message, error.getMessage());
    }
}
