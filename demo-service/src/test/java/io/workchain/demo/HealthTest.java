package io.workchain.demo;

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
        return "jvm_threads_live_threads";
    }

    /** The demo service stands in for a user's service: it has no warm-up of Workchain's. */
    @Override
    protected boolean warmsUpBeforeReady() {
        return false;
    }
}
