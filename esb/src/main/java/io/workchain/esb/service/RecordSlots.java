package io.workchain.esb.service;

import io.smallrye.mutiny.Uni;
import io.workchain.esb.health.WorkProgressHealthCheck;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The consumer's record slots, and what they tell readiness: a record takes a slot, its work runs
 * in it, and the slot is free again when the work ends or only waits out an outage (set aside in
 * {@link HeldWork}); every slot taken and none freed for a while is a stall
 * ({@link WorkProgressHealthCheck}).
 */
@ApplicationScoped
public class RecordSlots {

    private final HeldWork held;
    private final WorkProgressHealthCheck progress;

    public RecordSlots(HeldWork held, @Readiness WorkProgressHealthCheck progress) {
        this.held = held;
        this.progress = progress;
    }

    /**
     * Runs {@code work} in a new slot for a record of {@code size} bytes. The result completes when
     * the slot is free; the work goes on and frees the slot when it ends, handing a failure that
     * escaped it to {@code onFailure}.
     */
    public Uni<Void> run(long size, Function<RecordSlot, Uni<Void>> work, Consumer<Throwable> onFailure) {
        progress.started();
        RecordSlot slot = new RecordSlot(held, size);
        work.apply(slot).subscribe().with(done -> slot.finish(), error -> {
            slot.finish();
            onFailure.accept(error);
        });
        return slot.freed().onTermination().invoke(progress::finished);
    }
}
