package io.workchain.esb;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.workchain.testing.KafkaBrokerTestResource;
import io.workchain.testing.ServiceEndpointsContract;

/** Health and metrics endpoints (the checks every service shares, in ServiceEndpointsContract). */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class HealthTest extends ServiceEndpointsContract {

    @Override
    protected String ownMetric() {
        return "workchain_esb_in_flight";
    }
}
