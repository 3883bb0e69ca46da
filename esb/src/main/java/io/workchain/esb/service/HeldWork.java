package io.workchain.esb.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.workchain.esb.config.EsbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The records set aside while their work waits out an outage (the gateway, or a target that
 * answered before, does not answer now): they give their record slot back, so what waits never
 * stops the ESB for everyone else, and they stay in memory, unacknowledged, until they end (a
 * crash reads them again). Bounded in count and bytes ({@code workchain.esb.held.*}): past the
 * bound a waiting record keeps its slot, which slows consumption instead of filling the heap.
 */
@ApplicationScoped
public class HeldWork {

    private final int maxRecords;
    private final long maxBytes;
    private int records;
    private long bytes;

    @Inject
    public HeldWork(EsbConfig config, MeterRegistry registry) {
        this(config.held().maxRecords(), config.held().maxBytes());
        Gauge.builder("workchain.esb.records.held", this, HeldWork::records)
                .description("Work records set aside while they wait out an outage (their slot given back)")
                .register(registry);
        Gauge.builder("workchain.esb.records.held.bytes", this, HeldWork::bytes).baseUnit("bytes")
                .description("Bytes of the work records set aside").register(registry);
    }

    public HeldWork(int maxRecords, long maxBytes) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    /** Takes room for a record of {@code size} bytes; false when the bound is reached. */
    synchronized boolean tryHold(long size) {
        if (records >= maxRecords || bytes + size > maxBytes) {
            return false;
        }
        records++;
        bytes += size;
        return true;
    }

    synchronized void release(long size) {
        records--;
        bytes -= size;
    }

    public synchronized int records() {
        return records;
    }

    synchronized long bytes() {
        return bytes;
    }
}
