package io.workchain.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.workchain.testing.EmbeddedKafkaBroker;
import io.workchain.testing.RabbitMqBroker;
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
    static RabbitMqBroker rabbit;
    static EmbeddedKafkaBroker kafka;
    static int closedPort;
    /** The callback key of these tests (a test value, not a secret). */
    static final String CALLBACK_KEY = "gateway-test-callback-key-0123456789abcdef";

    @Override
    public Map<String, String> start() {
        server = RecordingHttpServer.start();
        TestCertificates certificates = TestCertificates.create();
        tlsServer = RecordingHttpServer.startHttps(certificates.keyStore(), certificates.password());
        TestCertificates unknown = TestCertificates.create(); // a certificate the gateway does not trust
        untrustedServer = RecordingHttpServer.startHttps(unknown.keyStore(), unknown.password());
        rabbit = RabbitMqBroker.start();
        kafka = EmbeddedKafkaBroker.startEphemeral();
        closedPort = freePort();
        Map<String, String> config = new java.util.HashMap<>(Map.of("workchain.gateway.routes.echo", server.baseUrl(),
                "workchain.gateway.routes.secure", tlsServer.baseUrl(),
                "workchain.gateway.routes.untrusted", untrustedServer.baseUrl() + "/api",
                "workchain.gateway.tls.trust-certificates-pem", certificates.certificatePem().toString(),
                "workchain.gateway.allowed-hosts",
                "allowed.example,*.trusted.example,127.0.0.1,169.254.169.254,localhost,10.1.2.3,[fd12::1],"
                        + "[::ffff:127.0.0.1],[64:ff9b::7f00:1],[::ffff:a9fe:a9fe],[fd00:ec2::254]",
                "workchain.gateway.call-timeout", "1s"));
        config.put("workchain.callback.key", CALLBACK_KEY);
        config.put("workchain.callback.public-url", "https://workchain.example/");
        config.put("workchain.gateway.routes.rabbit", rabbit.url());
        config.put("workchain.gateway.routes.rabbit-bad-login",
                rabbit.url().replace("guest:guest@", "guest:s3cret-wrong@"));
        config.put("workchain.gateway.routes.rabbit-down", "amqp://guest:guest@127.0.0.1:" + closedPort);
        config.put("workchain.gateway.routes.events", "kafka://" + kafka.bootstrapServers());
        config.put("workchain.gateway.routes.plain-demo", server.baseUrl());
        config.put("workchain.gateway.routes.echo-chain", server.baseUrl() + "/chain");
        config.put("workchain.gateway.route-bodies.echo-chain", "work-message");
        config.put("workchain.gateway.routes.echo-chain-proto", server.baseUrl() + "/chain-proto");
        config.put("workchain.gateway.route-bodies.echo-chain-proto", "work-message-protobuf");
        return config;
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        server.close();
        tlsServer.close();
        untrustedServer.close();
        rabbit.close();
        kafka.close();
    }
}
