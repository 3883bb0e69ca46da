package io.workchain.e2e;

import io.workchain.common.Topics;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.message.Request;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.workchain.e2e.Chains.notified;
import static io.workchain.e2e.Chains.single;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A route's secret header, end to end: the route "keyed-echo" carries {@code X-Api-Key} from the
 * gateway's configuration to a target that answers 401 quoting every header it got. The target
 * receives the secret; the chain fails; and the secret is in no notification, completion, dead
 * letter, record of Workchain's topics, chain view of the notifier (what the console shows) or log
 * of any service.
 */
class OutboundCredentialsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static WorkchainSystem system;

    @BeforeAll
    static void start() {
        system = WorkchainSystem.get();
    }

    @Test
    void aRoutesSecretReachesItsTargetAndNoOutput() throws IOException {
        WorkMessage work = single(Request.http("keyed-echo", "/orders", "POST", "{\"order\":1}"));
        system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON);

        await().atMost(WAIT).until(() -> !notified(system.notifications.byKey(work.hash())).isEmpty());
        await().atMost(WAIT).until(() -> !system.completions.byKey(work.hash()).isEmpty());
        String secret = WorkchainSystem.ROUTE_SECRET;
        assertTrue(system.headerEcho.received().stream().anyMatch(h -> h.contains("x-api-key=" + secret)),
                "the target got the route's header");

        ResultItem failed = notified(system.notifications.byKey(work.hash())).get(0);
        assertTrue(failed.response().failed());
        assertTrue(failed.response().data().contains("x-api-key=***"), failed.response().data());

        List<String> outputs = new ArrayList<>();
        for (TopicRecorder topic : List.of(system.notifications, system.completions, system.deadLetters,
                system.work)) {
            for (ConsumerRecord<String, byte[]> record : topic.all()) {
                outputs.add(new String(record.value() == null ? new byte[0] : record.value(),
                        StandardCharsets.ISO_8859_1));
                record.headers().forEach(h -> outputs.add(new String(h.value(), StandardCharsets.ISO_8859_1)));
            }
        }
        outputs.add(system.getJson(system.notifier, "/chains/" + work.hash()).toString());
        Path logs = Path.of(System.getProperty("workchain.logs", "target/e2e-logs"));
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                outputs.add(Files.readString(log, StandardCharsets.ISO_8859_1));
            }
        }
        assertTrue(outputs.size() > 4, "there were outputs to read");
        for (String output : outputs) {
            assertFalse(output.contains(secret), "the route's secret leaked: "
                    + output.replace(secret, "<SECRET>").substring(0, Math.min(2000, output.length())));
        }
        assertEquals(work.hash(), system.getJson(system.notifier, "/chains/" + work.hash()).path("hash").asText());
    }
}
