package io.workchain.testing;

import io.workchain.common.client.WorkchainClient;
import io.workchain.common.client.WorkchainClientConfig;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.WorkMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End-to-end throughput and latency of a running Workchain (bin/workchain-run.sh): submits
 * {@code --chains} distinct chains (step 0: two parallel items; step 1: one item fed by step 0's
 * output, so three service calls and two passes through the notifier each), at most
 * {@code --concurrency} at once, and prints chains/s and submit-to-completion latency.
 * Run by bin/workchain-bench.sh; bounded in count and time, loopback only.
 */
public final class WorkchainBench {

    private WorkchainBench() {
    }

    public static void main(String[] args) throws InterruptedException {
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        int chains = 200;
        int concurrency = 20;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--bootstrap-servers" -> bootstrap = args[i + 1];
                case "--chains" -> chains = Integer.parseInt(args[i + 1]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        WorkchainClientConfig config = WorkchainClientConfig.of(bootstrap).withTimeout(Duration.ofMinutes(2));
        try (WorkchainClient client = WorkchainClient.start(config)) {
            run(client, 10, Math.min(concurrency, 10)); // warm-up: connections, JIT
            Result result = run(client, chains, concurrency);
            System.out.printf("chains=%d concurrency=%d completed=%d failed=%d errors=%d%n", chains, concurrency,
                    result.completed, result.failed, result.errors);
            System.out.printf("wall=%.2f s throughput=%.1f chains/s (%.1f service calls/s)%n", result.seconds,
                    chains / result.seconds, 3 * chains / result.seconds);
            System.out.printf("latency ms: p50=%d p90=%d p99=%d max=%d%n", result.percentile(50), result.percentile(90),
                    result.percentile(99), result.percentile(100));
        }
    }

    private static Result run(WorkchainClient client, int chains, int concurrency) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<CompletionMessage>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < chains; i++) {
            slots.acquire();
            long submitted = System.nanoTime();
            CompletableFuture<CompletionMessage> future = client.submit(chain()).toCompletableFuture();
            future.whenComplete((completion, error) -> {
                latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - submitted));
                if (error != null) {
                    errors.incrementAndGet();
                } else if (completion.status() == ChainStatus.COMPLETED) {
                    completed.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                slots.release();
            });
            all.add(future);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(seconds, completed.get(), failed.get(), errors.get(), sorted);
    }

    private static WorkMessage chain() {
        String text = "bench " + UUID.randomUUID();
        return WorkMessage.builder()
                .item(0, Request.http("demo", "/api/text/upper", "POST", "{\"text\":\"" + text + "\"}"))
                .item(0, Request.http("demo", "/api/text/count", "POST", "{\"text\":\"" + text + "\"}"))
                .item(1, Request.http("demo", "/api/text/reverse", "POST", "{\"text\":\"{{item:0/text}}\"}"))
                .build();
    }

    private record Result(double seconds, int completed, int failed, int errors, List<Long> latencies) {
        long percentile(int p) {
            if (latencies.isEmpty()) {
                return -1;
            }
            int index = (int) Math.ceil(p / 100.0 * latencies.size()) - 1;
            return latencies.get(Math.max(0, Math.min(index, latencies.size() - 1)));
        }
    }
}
