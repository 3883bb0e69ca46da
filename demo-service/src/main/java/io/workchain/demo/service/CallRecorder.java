package io.workchain.demo.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records the calls the demo service receives and how many are open at once, so tests and demos
 * can see what the gateway really sent: retries, fan-out timing, the ESB's in-flight limit.
 */
@ApplicationScoped
public class CallRecorder {

    @io.quarkus.runtime.annotations.RegisterForReflection
    /** One call: its path, the gateway's headers, when it started and ended (epoch millis). */
    public record Call(String method, String path, String idempotencyKey, String hash, Integer order, Integer index,
            long startedAt, long endedAt, int status) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> attemptsByKey = new ConcurrentHashMap<>();

    public void opened() {
        int now = open.incrementAndGet();
        maxOpen.accumulateAndGet(now, Math::max);
    }

    public void closed(Call call) {
        open.decrementAndGet();
        calls.add(call);
    }

    /** Counts an attempt for an idempotency key; the first is 1. */
    public int attempt(String idempotencyKey) {
        return attemptsByKey.computeIfAbsent(idempotencyKey, k -> new AtomicInteger()).incrementAndGet();
    }

    public List<Call> calls(String hash) {
        return hash == null ? List.copyOf(calls) : calls.stream().filter(c -> hash.equals(c.hash())).toList();
    }

    public int open() {
        return open.get();
    }

    public int maxOpen() {
        return maxOpen.get();
    }

    public void reset() {
        calls.clear();
        attemptsByKey.clear();
        maxOpen.set(open.get());
    }
}
