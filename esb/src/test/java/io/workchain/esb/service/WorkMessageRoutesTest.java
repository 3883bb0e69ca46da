package io.workchain.esb.service;

import io.workchain.common.codec.WireFormat;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the ESB remembers of the routes that receive the whole work message: bounded, and asked again in time. */
class WorkMessageRoutesTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void aRouteIsRememberedUntilItIsRelearned() {
        WorkMessageRoutes routes = new WorkMessageRoutes(10, 60_000, now::get);
        routes.learned("chain", WireFormat.PROTOBUF);

        now.addAndGet(59_999);
        assertEquals(Optional.of(WireFormat.PROTOBUF), routes.format("chain"));
        now.addAndGet(1);
        assertEquals(Optional.empty(), routes.format("chain"), "asked again: its configuration may have changed");
        assertEquals(0, routes.size());
    }

    @Test
    void theLeastRecentlyUsedRouteIsForgottenPastTheBound() {
        WorkMessageRoutes routes = new WorkMessageRoutes(2, 60_000, now::get);
        routes.learned("a", WireFormat.JSON);
        routes.learned("b", WireFormat.JSON);
        routes.format("a");
        routes.learned("c", WireFormat.JSON);

        assertEquals(2, routes.size());
        assertEquals(Optional.empty(), routes.format("b"));
        assertEquals(Optional.of(WireFormat.JSON), routes.format("a"));
        assertEquals(Optional.empty(), routes.format(null));
    }
}
