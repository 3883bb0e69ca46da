package io.workchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.workchain.common.Topics;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.WorkMessage;
import io.workchain.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.workchain.e2e.Chains.completions;
import static io.workchain.e2e.Chains.demo;
import static io.workchain.e2e.Chains.text;
import static io.workchain.e2e.Chains.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Issue 21, item 3: the same work run again on purpose. A chain is identified by its content, so
 * the same items sent again are a duplicate the notifier ignores while it keeps the chain; under a
 * {@code run_id} (part of the hash) they are a chain of their own that runs, calls its services
 * and completes again, and is itself deduplicated.
 */
class RunAgainIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final WorkchainSystem system = WorkchainSystem.get();

    @Test
    void theSameWorkRunsOnceWithoutARunIdAndAgainUnderOne() {
        WorkMessage chain = WorkMessage.builder()
                .item(0, demo("/api/text/upper", text(unique("rerun"))))
                .item(1, demo("/api/text/count", text("{{order:0/text}} world"))).build();
        submit(chain, WireFormat.JSON);
        submit(chain, WireFormat.JSON);
        assertEquals(ChainStatus.COMPLETED, awaitCompletion(chain.hash()).status(), "the chain sent twice");
        submit(chain, WireFormat.JSON); // and once more after it ended, while the notifier keeps it
        ServiceProcess.sleep(1000);
        assertEquals(1, system.completions.byKey(chain.hash()).size(), "one completion for the chain sent three times");
        assertEquals(2, calls(chain.hash()).size(), "each of its two items called once: " + calls(chain.hash()));

        WorkMessage again = ChainHash.ensure(chain.withRunId("second"));
        assertNotEquals(chain.hash(), again.hash(), "a run id is part of the hash");
        submit(again, WireFormat.JSON);
        submit(again, WireFormat.PROTOBUF); // the same run, in the other format: still one chain
        CompletionMessage rerun = awaitCompletion(again.hash());
        assertEquals(ChainStatus.COMPLETED, rerun.status(), "the run under run_id \"second\"");
        assertEquals("second", system.getJson(system.notifier, "/chains/" + again.hash()).path("run_id").asText());
        ServiceProcess.sleep(1000);
        assertEquals(1, system.completions.byKey(again.hash()).size(), "its own completion, once");
        assertEquals(2, calls(again.hash()).size(), "each item called again, once: " + calls(again.hash()));
        assertEquals(1, system.completions.byKey(chain.hash()).size(), "the first run untouched");
        assertEquals(2, calls(chain.hash()).size(), "the first run's calls untouched");
    }

    private void submit(WorkMessage chain, WireFormat format) {
        system.produce(Topics.WORK, chain.hash(), chain, format);
    }

    private JsonNode calls(String hash) {
        return system.getJson(system.demo, "/api/calls?hash=" + hash);
    }

    private CompletionMessage awaitCompletion(String hash) {
        await().atMost(WAIT).until(() -> !system.completions.byKey(hash).isEmpty());
        return completions(system.completions.byKey(hash)).get(0);
    }
}
