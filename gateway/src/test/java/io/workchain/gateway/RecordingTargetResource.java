package io.workchain.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.workchain.testing.RecordingHttpServer;

import java.util.Map;

/** Starts a recording HTTP server as the gateway's "echo" route; tests reach it through {@link #server}. */
public class RecordingTargetResource implements QuarkusTestResourceLifecycleManager {

    static RecordingHttpServer server;

    @Override
    public Map<String, String> start() {
        server = RecordingHttpServer.start();
        return Map.of("workchain.gateway.routes.echo", server.baseUrl(),
                "workchain.gateway.allowed-hosts", "allowed.example,*.trusted.example,127.0.0.1,169.254.169.254,localhost",
                "workchain.gateway.call-timeout", "1s");
    }

    @Override
    public void stop() {
        server.close();
    }
}
