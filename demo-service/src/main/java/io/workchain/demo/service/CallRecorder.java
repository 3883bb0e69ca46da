package io.workchain.demo.service;

import io.workchain.demo.config.DemoConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records the calls the demo service receives and how many are open at once, so tests and demos
 * can see what the gateway really sent: retries, fan-out timing, the ESB's in-flight limit. Keeps
 * the last {@code workchain.demo.max-recorded-calls} calls and attempt counts: a service that runs
 * for hundreds of thousands of calls (the benchmark) neither fills its heap nor slows down (a
 * copy-on-write list copied every call so far on each new one).
 */
@ApplicationScoped
public class CallRecorder {

    @io.quarkus.runtime.annotations.RegisterForReflection
    /** One call: its path, the gateway's headers, when it started and ended (epoch millis). */
    public record Call(String method, String path, String idempotencyKey, String hash, Integer order, Integer index,
            long startedAt, long endedAt, int status) {}

    private final int max;
    /** The last calls, oldest first; guarded by this. */
    private final Deque<Call> calls = new ArrayDeque<>();
    /** Attempts per idempotency key, the least recently counted dropped first; guarded by this. */
    private final Map<String, AtomicInteger> attemptsByKey;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();

    public CallRecorder(DemoConfig config) {
        this.max = config.maxRecordedCalls();
        this.attemptsByKey = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AtomicInteger> eldest) {
                return size() > max;
            }
        };
    }

    public void opened() {
        int now = open.incrementAndGet();
        maxOpen.accumulateAndGet(now, Math::max);
    }

    public void closed(Call call) {
        open.decrementAndGet();
        synchronized (this) {
            calls.addLast(call);
            if (calls.size() > max) {
                calls.removeFirst();
            }
        }
    }

    /** Counts an attempt for an idempotency key; the first is 1. */
    public synchronized int attempt(String idempotencyKey) {
        return attemptsByKey.computeIfAbsent(idempotencyKey, k -> new AtomicInteger()).incrementAndGet();
    }

    public synchronized List<Call> calls(String hash) {
        return hash == null ? List.copyOf(calls) : calls.stream().filter(c -> hash.equals(c.hash())).toList();
    }

    public int open() {
        return open.get();
    }

    public int maxOpen() {
        return maxOpen.get();
    }

    public synchronized void reset() {
        calls.clear();
        attemptsByKey.clear();
        maxOpen.set(open.get());
    }
}
