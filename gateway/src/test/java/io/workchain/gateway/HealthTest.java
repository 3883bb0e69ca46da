package io.workchain.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.workchain.testing.ServiceEndpointsContract;

/** Health and metrics endpoints (the checks every service shares, in ServiceEndpointsContract). */
@QuarkusTest
class HealthTest extends ServiceEndpointsContract {

    @Override
    protected String ownMetric() {
        return "workchain_gateway_in_flight";
    }
}
