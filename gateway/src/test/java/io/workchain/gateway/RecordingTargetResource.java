package io.workchain.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.workchain.testing.RecordingHttpServer;
import io.workchain.testing.TestCertificates;

import java.util.Map;

/**
 * Starts recording servers as the gateway's routes: "echo" over HTTP, "secure" over HTTPS with a
 * self-signed certificate that the gateway is configured to trust (PEM).
 */
public class RecordingTargetResource implements QuarkusTestResourceLifecycleManager {

    static RecordingHttpServer server;
    static RecordingHttpServer tlsServer;
    static RecordingHttpServer untrustedServer;

    @Override
    public Map<String, String> start() {
        server = RecordingHttpServer.start();
        TestCertificates certificates = TestCertificates.create();
        tlsServer = RecordingHttpServer.startHttps(certificates.keyStore(), certificates.password());
        TestCertificates unknown = TestCertificates.create(); // a certificate the gateway does not trust
        untrustedServer = RecordingHttpServer.startHttps(unknown.keyStore(), unknown.password());
        return Map.of("workchain.gateway.routes.echo", server.baseUrl(),
                "workchain.gateway.routes.secure", tlsServer.baseUrl(),
                "workchain.gateway.routes.untrusted", untrustedServer.baseUrl() + "/api",
                "workchain.gateway.tls.trust-certificates-pem", certificates.certificatePem().toString(),
                "workchain.gateway.allowed-hosts", "allowed.example,*.trusted.example,127.0.0.1,169.254.169.254,localhost,10.1.2.3,[fd12::1],"
                        + "[::ffff:127.0.0.1],[64:ff9b::7f00:1],[::ffff:a9fe:a9fe],[fd00:ec2::254]",
                "workchain.gateway.call-timeout", "1s");
    }

    @Override
    public void stop() {
        server.close();
        tlsServer.close();
        untrustedServer.close();
    }
}
