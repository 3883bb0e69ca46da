package io.workchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.workchain.common.Topics;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.workchain.e2e.Chains.completions;
import static io.workchain.e2e.Chains.notified;
import static io.workchain.e2e.Chains.text;
import static io.workchain.e2e.Chains.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A route with a tight policy (one call at a time, two a second) under more work than it lets
 * through: the calls it holds back come back to the ESB as an outage, which waits and tries again,
 * so every chain completes (work waits, it does not fail), the service never sees more than one
 * call at once, and {@code GET /routes} shows the route's policy. Every service is its own process.
 */
class RoutePolicyIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int CHAINS = 4;
    private static final int ITEMS = 3;
    private static WorkchainSystem system;

    @BeforeAll
    static void start() {
        system = WorkchainSystem.get();
    }

    @Test
    void aTightRouteMakesWorkWaitNotFail() {
        double heldBefore = heldBack();
        List<WorkMessage> chains = new ArrayList<>();
        for (int c = 0; c < CHAINS; c++) {
            String word = unique("narrow");
            WorkMessage.Builder builder = WorkMessage.builder();
            for (int i = 0; i < ITEMS; i++) {
                builder.item(0, Request.http(WorkchainSystem.NARROW_ROUTE, "/api/faults/slow?ms=200", "POST",
                        text(word + i)));
            }
            chains.add(builder.build());
        }
        for (WorkMessage chain : chains) {
            system.produce(Topics.WORK, chain.hash(), chain, WireFormat.JSON);
        }

        List<JsonNode> calls = new ArrayList<>();
        for (WorkMessage chain : chains) {
            await().atMost(WAIT).until(() -> !system.completions.byKey(chain.hash()).isEmpty());
            CompletionMessage completion = completions(system.completions.byKey(chain.hash())).get(0);
            assertEquals(ChainStatus.COMPLETED, completion.status(), completion::toString);
            List<ResultItem> items = notified(system.notifications.byKey(chain.hash()));
            assertEquals(ITEMS, items.size(), items::toString);
            assertTrue(items.stream().allMatch(item -> item.response().ok()), items::toString);
            system.getJson(system.demo, "/api/calls?hash=" + chain.hash()).forEach(calls::add);
        }

        assertEquals(CHAINS * ITEMS, calls.size(),
                "each item reached the service once: held-back calls were never sent");
        assertEquals(1, maxOverlap(calls), "the route's max-in-flight of 1 held at the service");
        assertTrue(heldBack() > heldBefore, "the route held calls back (and the ESB tried them again)");

        JsonNode narrow = null;
        for (JsonNode route : system.getJson(system.gateway, "/routes")) {
            if (route.path("name").asText().equals(WorkchainSystem.NARROW_ROUTE)) {
                narrow = route;
            }
        }
        assertTrue(narrow != null, "GET /routes lists the route");
        assertEquals(1, narrow.path("policy").path("max_in_flight").asInt());
        assertEquals(2, narrow.path("policy").path("max_per_second").asInt());
        assertEquals(system.demo.baseUrl(), narrow.path("base_url").asText());
    }

    /** The gateway's FAILED invocations of the narrow route so far: its held-back calls (the service never fails here). */
    private static double heldBack() {
        double sum = 0;
        for (String line : system.getText(system.gateway, "/q/metrics").split("\n")) {
            if (line.startsWith("workchain_gateway_invocations_total{") && line.contains("status=\"FAILED\"")
                    && line.contains("route=\"" + WorkchainSystem.NARROW_ROUTE + "\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** The most calls open at once, as the demo service timed them. */
    private static int maxOverlap(List<JsonNode> calls) {
        List<long[]> events = new ArrayList<>();
        calls.forEach(call -> {
            events.add(new long[]{call.path("startedAt").asLong(), 1});
            events.add(new long[]{call.path("endedAt").asLong(), -1});
        });
        events.sort(Comparator.<long[]>comparingLong(event -> event[0]).thenComparingLong(event -> event[1]));
        int open = 0;
        int max = 0;
        for (long[] event : events) {
            open += (int) event[1];
            max = Math.max(max, open);
        }
        return max;
    }
}
