package io.workchain.demo.service;

import io.workchain.demo.config.DemoConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    /** A call that has not answered yet: which chain's item it is. */
    public record OpenCall(String hash, Integer order, Integer index) {}

    private final int max;
    /** The last calls, oldest first; guarded by this. */
    private final Deque<Call> calls = new ArrayDeque<>();
    /** Attempts per idempotency key, the least recently counted dropped first; guarded by this. */
    private final Map<String, AtomicInteger> attemptsByKey;
    private final AtomicInteger open = new AtomicInteger();
    /** The calls not answered yet, by the token {@link #opened} gave each; at most the server's concurrency. */
    private final Map<Object, OpenCall> openCalls = new ConcurrentHashMap<>();
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

    /** A call began; the token it returns goes to {@link #closed} when the call answers. */
    public Object opened(String hash, Integer order, Integer index) {
        Object token = new Object();
        openCalls.put(token, new OpenCall(hash, order, index));
        int now = open.incrementAndGet();
        maxOpen.accumulateAndGet(now, Math::max);
        return token;
    }

    public void closed(Object token, Call call) {
        openCalls.remove(token);
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

    /** The calls not answered yet, all or those of one chain. */
    public List<OpenCall> openCalls(String hash) {
        return openCalls.values().stream().filter(call -> hash == null || hash.equals(call.hash())).toList();
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
