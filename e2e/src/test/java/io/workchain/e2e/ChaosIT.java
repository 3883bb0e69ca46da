package io.workchain.e2e;

import io.workchain.common.Topics;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.WorkMessage;
import io.workchain.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.workchain.e2e.Chains.demo;
import static io.workchain.e2e.Chains.text;
import static io.workchain.e2e.Chains.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Chaos proof: N three-step chains run while the ESB, the gateway, the notifier and the demo
 * service are each SIGKILLed and restarted in turn, and the broker is restarted once. Outages
 * shorter than the chains' deadline must not show: N COMPLETED, 0 FAILED, 0 missing, 0 duplicates.
 * Bounded (N chains, a fixed schedule, a 5-minute wait), loopback only. N is {@code -Dchaos.chains}
 * (20 in CI); {@code bin/workchain-chaos.sh N} runs it alone with a larger N.
 */
class ChaosIT {

    private static final Duration DOWN = Duration.ofSeconds(2);
    private final WorkchainSystem system = WorkchainSystem.get();

    @Test
    void chainsSurviveCrashesOfEveryServiceAndABrokerRestart() throws Exception {
        int n = Integer.getInteger("chaos.chains", 20);
        List<WorkMessage> chains = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String word = unique("chaos");
            chains.add(WorkMessage.builder()
                    .item(0, demo("/api/text/upper", text(word)))
                    .item(1, demo("/api/faults/slow?ms=300", text(word)))
                    .item(2, demo("/api/text/reverse", "{\"text\":\"{{order:0/text}}\"}"))
                    .build());
        }
        long start = System.nanoTime();
        // Submissions spread over the chaos, so chains are at every stage when something dies.
        ScheduledExecutorService submitter = Executors.newSingleThreadScheduledExecutor();
        long spreadMillis = 20_000;
        for (int i = 0; i < n; i++) {
            WorkMessage work = chains.get(i);
            submitter.schedule(() -> system.produce(Topics.WORK, work.hash(), work, WireFormat.JSON),
                    i * spreadMillis / n, TimeUnit.MILLISECONDS);
        }
        for (ServiceProcess victim : List.of(system.esb, system.gateway, system.notifier, system.demo)) {
            ServiceProcess.sleep(2_000);
            System.out.println("chaos: SIGKILL " + victim);
            victim.kill();
            ServiceProcess.sleep(DOWN.toMillis());
            victim.start();
        }
        System.out.println("chaos: broker restart");
        system.broker.restart(Duration.ofSeconds(3));
        submitter.shutdown();
        submitter.awaitTermination(2, TimeUnit.MINUTES);

        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline
                && chains.stream().anyMatch(c -> system.completions.byKey(c.hash()).isEmpty())) {
            ServiceProcess.sleep(500);
        }
        int completed = 0;
        int failed = 0;
        int missing = 0;
        int duplicates = 0;
        int deadLetters = 0;
        List<String> failures = new ArrayList<>();
        for (WorkMessage work : chains) {
            List<CompletionMessage> completions = Chains.completions(system.completions.byKey(work.hash()));
            deadLetters += system.deadLetters.byKey(work.hash()).size();
            if (completions.isEmpty()) {
                missing++;
                continue;
            }
            duplicates += completions.size() - 1;
            if (completions.get(0).status() == ChainStatus.COMPLETED) {
                completed++;
            } else {
                failed++;
                failures.add(completions.get(0).error());
            }
        }
        System.out.printf("chaos: submitted=%d completed=%d failed=%d missing=%d duplicates=%d dead_letters=%d "
                + "elapsed=%.1f s%n", n, completed, failed, missing, duplicates, deadLetters,
                (System.nanoTime() - start) / 1e9);
        assertEquals(List.of(), failures, "no chain fails for an outage shorter than its deadline");
        assertEquals(0, missing, "missing completions");
        assertEquals(0, duplicates, "duplicate completions");
        assertEquals(n, completed);
        assertEquals(0, deadLetters, "dead letters of these chains");
        assertEquals(200, system.getStatus(system.esb, "/q/health/live"));
        assertEquals(200, system.getStatus(system.notifier, "/q/health/live"));
    }
}
