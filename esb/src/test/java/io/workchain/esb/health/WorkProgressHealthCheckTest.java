package io.workchain.esb.health;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 19, case 3: with every record slot held by work that never moves, the ESB stopped for all
 * chains while its readiness still said UP. Held work now shows.
 */
class WorkProgressHealthCheckTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final WorkProgressHealthCheck check = new WorkProgressHealthCheck(2, 60_000, now::get);

    @Test
    void everySlotHeldWithoutProgressIsNotReady() {
        check.started();
        check.started();
        now.addAndGet(59_999);
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus(), "not yet");
        now.addAndGet(1);
        HealthCheckResponse response = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals(2L, response.getData().orElseThrow().get("records_in_progress"));
        assertEquals(60L, response.getData().orElseThrow().get("seconds_since_progress"));

        check.finished();
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus(), "a record finished: a slot is free");
    }

    @Test
    void anIdleOrPartlyBusyEsbIsReady() {
        now.addAndGet(3_600_000);
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus(), "idle for an hour is not a stall");
        check.started();
        now.addAndGet(3_600_000);
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus(), "one slot of two held: others still run");
        check.started();
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus(), "the second slot was just taken");
    }
}
