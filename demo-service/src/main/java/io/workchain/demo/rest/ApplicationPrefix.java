package io.workchain.demo.rest;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The specification's endpoints have the form {@code /{application}/api/{module}/{function}}: the
 * demo service also answers its API under {@code /demo/api/...} (the application named "demo"),
 * so the specification's example can be sent with only its placeholders filled.
 */
@ApplicationScoped
public class ApplicationPrefix {

    static final String PREFIX = "/demo";

    void route(@Observes Router router) {
        router.route(PREFIX + "/api/*").order(Integer.MIN_VALUE)
                .handler(context -> context.reroute(context.normalizedPath().substring(PREFIX.length())));
    }
}
