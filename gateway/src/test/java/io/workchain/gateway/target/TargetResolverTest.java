package io.workchain.gateway.target;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.workchain.common.gateway.WarmUpInvocation;
import io.workchain.common.message.Request;
import io.workchain.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's target rules without a server: what an item's url and endpoint may reach. */
class TargetResolverTest {

    private static final TargetResolver RESOLVER = resolver(Map.of(
            "workchain.gateway.routes.api", "http://h:8080/api",
            "workchain.gateway.routes.events", "kafka://broker:9092",
            "workchain.gateway.routes.audit", "kafka://broker:9092",
            "workchain.gateway.kafka.route-topics.audit", "audit.*,workchain.audit",
            "workchain.gateway.allowed-hosts", "allowed.example"));

    @Test
    void anAbsoluteUrlUnderARouteIsThatRoute() {
        TargetResolver.Target target = RESOLVER.target(Request.http("http://h:8080/api/v1", "/x", "GET", null));
        assertEquals("api", target.route());
        assertFalse(target.checkAddresses(), "a route's own address is trusted");
    }

    /** Issue 19, case 7: a dot segment in the url's own path made it count as the route (trusted, unchecked). */
    @Test
    void aUrlWhosePathLeavesTheRouteIsRefusedHoweverItIsSpelt() {
        for (String url : List.of("http://h:8080/api/../admin", "http://h:8080/api/%2e%2e/admin",
                "http://h:8080/api/%252e%252e/admin", "http://h:8080/api/./../admin", "http://h:8080/api/..%2fadmin",
                "http://allowed.example/a/../b")) {
            TargetRefusedException refused = assertThrows(TargetRefusedException.class,
                    () -> RESOLVER.target(Request.http(url, "/x", "GET", null)), url);
            assertTrue(refused.getMessage().contains("path that is not plain"), refused.getMessage());
        }
    }

    /** Issue 19, case 4: a KAFKA item could publish forged results or changelog records. */
    @Test
    void kafkaItemsMayNotPublishToInternalTopics() {
        for (String topic : List.of("workchain.notification", "workchain.steps", "workchain.completion",
                "workchain.work",
                "workchain.dlq", "workchain-notifier-chains-changelog", "__consumer_offsets", "__transaction_state")) {
            TargetRefusedException refused = assertThrows(TargetRefusedException.class,
                    () -> RESOLVER.target(Request.kafka("events", topic, "{}")), topic);
            assertTrue(refused.getMessage().contains("internal"), refused.getMessage());
        }
        assertEquals("events", RESOLVER.target(Request.kafka("events", "orders.created", "{}")).route());
    }

    @Test
    void aRouteThatListsItsTopicsPublishesToThoseOnly() {
        assertEquals("audit", RESOLVER.target(Request.kafka("audit", "audit.logins", "{}")).route());
        assertEquals("audit", RESOLVER.target(Request.kafka("audit", "workchain.audit", "{}")).route(),
                "listed: allowed");
        assertThrows(TargetRefusedException.class,
                () -> RESOLVER.target(Request.kafka("audit", "orders.created", "{}")));
        assertThrows(TargetRefusedException.class,
                () -> RESOLVER.target(Request.kafka("audit", "workchain.notification", "{}")));
    }

    @Test
    void theWarmUpsRouteNameIsReserved() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> resolver(
                Map.of("workchain.gateway.routes." + WarmUpInvocation.ROUTE, "http://127.0.0.1:8080")));
        assertTrue(refused.getMessage().contains("reserved"), refused.getMessage());
    }

    private static TargetResolver resolver(Map<String, String> settings) {
        GatewayConfig config = new SmallRyeConfigBuilder()
                .withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(settings)
                .build()
                .getConfigMapping(GatewayConfig.class);
        return new TargetResolver(config);
    }
}
