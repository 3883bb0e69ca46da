package io.workchain.esb.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.workchain.esb.config.EsbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Whether the ESB is making progress: every record slot taken ({@code max-concurrent-records})
 * and none freed for {@code workchain.esb.stall-after} means records wait that nothing runs
 * (more held work than may be set aside, a stalled call, memory trouble). Readiness then says DOWN, with how many records are
 * held and since when, so Kubernetes and the operator see it; the gauges
 * {@code workchain_esb_records_in_progress} and {@code workchain_esb_progress_age_seconds} say it
 * to dashboards and alerts. Not liveness: a restart would read the same held records again.
 */
@Readiness
@ApplicationScoped
public class WorkProgressHealthCheck implements HealthCheck {

    private final AtomicInteger inProgress = new AtomicInteger();
    private final int slots;
    private final long stallAfterMillis;
    private final LongSupplier clock;
    private volatile long lastProgressAt;
    /** When the last free slot was taken: a stall is measured from then or the last progress, the later. */
    private volatile long fullSince;

    @Inject
    public WorkProgressHealthCheck(EsbConfig config, MeterRegistry registry) {
        this(config.maxConcurrentRecords(), config.stallAfter().toMillis(), System::currentTimeMillis);
        Gauge.builder("workchain.esb.records.in.progress", inProgress, AtomicInteger::get)
                .description("Work records holding a record slot (not those set aside while they wait out an outage)")
                .register(registry);
        Gauge.builder("workchain.esb.progress.age", this, check -> check.secondsSinceProgress())
                .baseUnit("seconds").description("Seconds since a work record last finished, or since the ESB started")
                .register(registry);
    }

    WorkProgressHealthCheck(int slots, long stallAfterMillis, LongSupplier clock) {
        this.slots = slots;
        this.stallAfterMillis = stallAfterMillis;
        this.clock = clock;
        this.lastProgressAt = clock.getAsLong();
    }

    /** A record was taken up. */
    public void started() {
        int now = inProgress.incrementAndGet();
        if (now == 1) {
            lastProgressAt = clock.getAsLong(); // an idle ESB has not stalled: its wait starts now
        }
        if (now == slots) {
            fullSince = clock.getAsLong();
        }
    }

    /** A record's slot is free: the record ended (run or dead-lettered), or was set aside while it waits. */
    public void finished() {
        inProgress.decrementAndGet();
        lastProgressAt = clock.getAsLong();
    }

    boolean stalled() {
        return inProgress.get() >= slots && clock.getAsLong() - Math.max(lastProgressAt, fullSince) >= stallAfterMillis;
    }

    double secondsSinceProgress() {
        return (clock.getAsLong() - lastProgressAt) / 1000.0;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("work progress").status(!stalled())
                .withData("records_in_progress", inProgress.get())
                .withData("record_slots", slots)
                .withData("seconds_since_progress", (long) secondsSinceProgress())
                .build();
    }
}
