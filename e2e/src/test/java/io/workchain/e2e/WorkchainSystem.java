package io.workchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workchain.common.Topics;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.message.WorkchainMessage;
import io.workchain.testing.EmbeddedKafkaBroker;
import io.workchain.testing.KafkaTestClients;
import io.workchain.testing.RabbitMqBroker;
import io.workchain.testing.ServiceProcess;
import io.workchain.testing.TestCertificates;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The whole system, for real: a KRaft broker in this JVM and the four packaged services as
 * processes on loopback, started once for all end-to-end tests (a second ESB, switched to the REST
 * transport, reads its own work topic). Nothing is mocked.
 */
final class WorkchainSystem {

    /**
     * The REST ESB's steps topic: no notifier writes it; its tests write a step there as the
     * notifier would (single-step egress checks, answered on the shared notification topic).
     */
    static final String REST_STEPS_TOPIC = "workchain.steps.rest";
    static final int MAX_IN_FLIGHT = 3;
    static final int MAX_RETRIES = 3;
    static final int PARTITIONS = 3;
    /** How long the notifier holds notifications whose work message has not come. */
    static final int EARLY_TTL_SECONDS = 8;

    private static final Logger[] QUIET = {Logger.getLogger("kafka"), Logger.getLogger("org.apache.kafka"),
            Logger.getLogger("state.change.logger")};
    private static WorkchainSystem instance;

    final EmbeddedKafkaBroker broker;
    final RabbitMqBroker rabbit;
    /** The queue the specification's example publishes to. */
    static final String COMPLETION_QUEUE = "completion-queue";
    /** A route to the demo service with a tight policy: max-in-flight 1, max-per-second 2. */
    static final String NARROW_ROUTE = "demo-narrow";
    final ServiceProcess demo;
    /** The demo service again, with TLS: the specification's HTTPS item (routed to it as secure-demo). */
    final ServiceProcess secureDemo;
    final int secureDemoPort;
    final int closedPort;
    /** Where a target that answers and then goes away listens, when a test starts it (route fading). */
    final int fadingPort;
    /** Where the Python and Node.js asynchronous services of the clients' tests listen (routes python-service, node-service). */
    final int pythonServicePort;
    final int nodeServicePort;
    /**
     * Where the target of the routes that receive the whole work message listens, when a test starts
     * it: route chain-json (route-bodies work-message) under /json, chain-proto
     * (work-message-protobuf) under /proto.
     */
    final int chainTargetPort;
    final ServiceProcess gateway;
    /** Where the service of route callback-service listens, when DelayedCallbackIT starts it. */
    final int callbackServicePort;
    /** The run's callback key (random), shared by the gateway and the notifier. */
    final String callbackKey;
    /** The secret header of the route "keyed-echo", whose target quotes it back (OutboundCredentialsIT). */
    static final String ROUTE_SECRET = "route-secret-" + UUID.randomUUID();
    final HeaderEchoTarget headerEcho;
    final ServiceProcess esb;
    final ServiceProcess restEsb;
    final ServiceProcess notifier;
    /** The spans the services export. */
    final OtlpReceiver traces;
    final TopicRecorder work;
    final TopicRecorder notifications;
    final TopicRecorder completions;
    final TopicRecorder deadLetters;
    private final KafkaProducer<String, byte[]> producer;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    static synchronized WorkchainSystem get() {
        if (instance == null) {
            instance = new WorkchainSystem();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "e2e-system-stop"));
        }
        return instance;
    }

    private WorkchainSystem() {
        for (Logger logger : QUIET) {
            logger.setLevel(Level.WARNING);
        }
        broker = EmbeddedKafkaBroker.startEphemeral();
        broker.createWorkchainTopics(PARTITIONS);
        broker.createTopics(List.of(REST_STEPS_TOPIC), PARTITIONS);
        String kafka = broker.bootstrapServers();

        traces = new OtlpReceiver();
        rabbit = RabbitMqBroker.start();
        rabbit.declareQueue(COMPLETION_QUEUE);
        closedPort = ServiceProcess.freePort();
        demo = ServiceProcess.start("demo-service", "demo-service", traced(Map.of(
                "kafka.bootstrap.servers", kafka,
                "workchain.demo.async-delay", "500ms")));
        TestCertificates certificates = TestCertificates.create();
        secureDemoPort = ServiceProcess.freePort();
        secureDemo = ServiceProcess.start("demo-service-tls", "demo-service", traced(Map.of(
                "kafka.bootstrap.servers", kafka,
                "quarkus.http.ssl-port", Integer.toString(secureDemoPort),
                "quarkus.http.ssl.certificate.key-store-file", certificates.keyStore().toString(),
                "quarkus.http.ssl.certificate.key-store-password", new String(certificates.password()))));
        // The notifier first: the gateway gives services its callback URL. One random callback key per
        // run, shared by the two (as bin/workchain-run.sh does).
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        callbackKey = HexFormat.of().formatHex(key);
        notifier = ServiceProcess.start("notifier", "notifier", traced(Map.of(
                "kafka.bootstrap.servers", kafka,
                "kafka-streams.state.dir", tempDir("workchain-e2e-streams-"),
                "workchain.notifier.retention", "10m",
                "workchain.notifier.early-ttl", EARLY_TTL_SECONDS + "s",
                "workchain.callback.key", callbackKey)));
        Map<String, String> gatewayConfig = new java.util.HashMap<>(Map.of(
                "workchain.gateway.routes.demo", demo.baseUrl(),
                "workchain.gateway.allowed-hosts", "demo-service,allowed.example",
                "workchain.gateway.call-timeout", "5s"));
        gatewayConfig.put("workchain.gateway.routes.secure-demo", "https://127.0.0.1:" + secureDemoPort);
        gatewayConfig.put("workchain.gateway.tls.trust-certificates-pem", certificates.certificatePem().toString());
        gatewayConfig.put("workchain.gateway.routes.rabbit", rabbit.url());
        gatewayConfig.put("workchain.gateway.routes.rabbit-bad-login",
                rabbit.url().replace("guest:guest@", "guest:not-the-password@"));
        gatewayConfig.put("workchain.gateway.routes.rabbit-down", "amqp://guest:guest@127.0.0.1:" + closedPort);
        // A target that never answers (a port nothing listens on): AdversaryIT.
        gatewayConfig.put("workchain.gateway.routes.nowhere", "http://127.0.0.1:" + closedPort);
        gatewayConfig.put("workchain.gateway.routes.events", "kafka://" + kafka);
        // A target that answers, then goes away (AdversaryIT starts and stops it): an outage, held.
        fadingPort = ServiceProcess.freePort();
        gatewayConfig.put("workchain.gateway.routes.fading", "http://127.0.0.1:" + fadingPort);
        pythonServicePort = ServiceProcess.freePort();
        nodeServicePort = ServiceProcess.freePort();
        gatewayConfig.put("workchain.gateway.routes.python-service", "http://127.0.0.1:" + pythonServicePort);
        gatewayConfig.put("workchain.gateway.routes.node-service", "http://127.0.0.1:" + nodeServicePort);
        chainTargetPort = ServiceProcess.freePort();
        gatewayConfig.put("workchain.gateway.routes.chain-json", "http://127.0.0.1:" + chainTargetPort + "/json");
        gatewayConfig.put("workchain.gateway.route-bodies.chain-json", "work-message");
        gatewayConfig.put("workchain.gateway.routes.chain-proto", "http://127.0.0.1:" + chainTargetPort + "/proto");
        gatewayConfig.put("workchain.gateway.route-bodies.chain-proto", "work-message-protobuf");
        // An asynchronous service that answers over HTTP (DelayedCallbackIT starts it): route callback-service.
        callbackServicePort = ServiceProcess.freePort();
        gatewayConfig.put("workchain.gateway.routes.callback-service", "http://127.0.0.1:" + callbackServicePort);
        gatewayConfig.put("workchain.callback.key", callbackKey);
        gatewayConfig.put("workchain.callback.public-url", notifier.baseUrl());
        // The demo service again behind a tight route policy (RoutePolicyIT): one call at a time, two a second.
        gatewayConfig.put("workchain.gateway.routes." + NARROW_ROUTE, demo.baseUrl());
        gatewayConfig.put("workchain.gateway.route-policies." + NARROW_ROUTE + ".max-in-flight", "1");
        gatewayConfig.put("workchain.gateway.route-policies." + NARROW_ROUTE + ".max-per-second", "2");
        headerEcho = new HeaderEchoTarget();
        gatewayConfig.put("workchain.gateway.routes.keyed-echo", headerEcho.baseUrl());
        gatewayConfig.put("workchain.gateway.route-credentials.headers.keyed-echo.X-Api-Key", ROUTE_SECRET);
        gateway = ServiceProcess.start("gateway", "gateway", traced(gatewayConfig));
        Map<String, String> esbConfig = Map.of(
                "kafka.bootstrap.servers", kafka,
                "quarkus.grpc.clients.gateway.host", "127.0.0.1",
                "quarkus.grpc.clients.gateway.port", Integer.toString(gateway.port()),
                "quarkus.rest-client.gateway.url", gateway.baseUrl(),
                "workchain.esb.max-in-flight", Integer.toString(MAX_IN_FLIGHT),
                "workchain.esb.retry.max-retries", Integer.toString(MAX_RETRIES),
                "workchain.esb.retry.initial-backoff", "50ms",
                "workchain.esb.retry.max-backoff", "200ms",
                "workchain.esb.outage-max-backoff", "1s",
                "workchain.esb.unreachable-grace", "2s");
        esb = ServiceProcess.start("esb", "esb", traced(esbConfig));
        Map<String, String> restConfig = new java.util.HashMap<>(esbConfig);
        restConfig.put("workchain.esb.gateway-transport", "rest");
        restConfig.put("workchain.topics.steps", REST_STEPS_TOPIC);
        restConfig.put("mp.messaging.incoming.steps.group.id", "workchain-esb-rest");
        // This ESB writes its notifications in protobuf: the notifier reads both formats on one topic.
        restConfig.put(WireFormat.CONFIG_KEY, WireFormat.PROTOBUF.name().toLowerCase(java.util.Locale.ROOT));
        restEsb = ServiceProcess.start("esb-rest", "esb", traced(restConfig));

        producer = KafkaTestClients.producer(kafka);
        work = new TopicRecorder(kafka, Topics.WORK);
        notifications = new TopicRecorder(kafka, Topics.NOTIFICATION);
        completions = new TopicRecorder(kafka, Topics.COMPLETION);
        deadLetters = new TopicRecorder(kafka, Topics.DEAD_LETTER);
    }

    /** Tracing switched on, spans exported to this suite's OTLP receiver quickly (TracingIT reads them). */
    Map<String, String> traced(Map<String, String> properties) {
        Map<String, String> traced = new java.util.HashMap<>(properties);
        traced.put("quarkus.otel.sdk.disabled", "false");
        traced.put("quarkus.otel.exporter.otlp.traces.endpoint", traces.endpoint());
        traced.put("quarkus.otel.bsp.schedule.delay", "200ms");
        return traced;
    }

    /** Produces a record as any client would: plain KafkaProducer, chosen key and encoding. */
    void produce(String topic, String key, WorkchainMessage message, WireFormat format) {
        produceRaw(topic, key, MessageCodec.encode(message, format), format.contentType());
    }

    void produceRaw(String topic, String key, byte[] value, String contentType) {
        produceAt(topic, key, value, contentType);
    }

    /** Produces and tells where the record went: "topic-partition@offset", as dead letters name it. */
    String produceAt(String topic, String key, byte[] value, String contentType) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        if (contentType != null) {
            record.headers().add(WorkchainHeaders.CONTENT_TYPE, contentType.getBytes(StandardCharsets.UTF_8));
        }
        return produceTo(record);
    }

    /** Produces a record as given (a partition of the producer's choosing, say) and tells where it went. */
    String produceTo(ProducerRecord<String, byte[]> record) {
        try {
            var metadata = producer.send(record).get(30, TimeUnit.SECONDS);
            return metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + record.topic(), e);
        }
    }

    /** GET a JSON document from one of the services. */
    JsonNode getJson(ServiceProcess service, String path) {
        return json(send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).GET().build()));
    }

    /** GET a text document (metrics, say) from one of the services. */
    String getText(ServiceProcess service, String path) {
        return send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).GET().build());
    }

    int getStatus(ServiceProcess service, String path) {
        return sendForStatus(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).GET().build());
    }

    void delete(ServiceProcess service, String path) {
        send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).DELETE().build());
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(
                        request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int sendForStatus(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(String text) {
        try {
            return text == null || text.isEmpty() ? json.nullNode() : json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop() {
        work.close();
        notifications.close();
        completions.close();
        deadLetters.close();
        producer.close();
        for (ServiceProcess service : new ServiceProcess[]{notifier, restEsb, esb, gateway, secureDemo, demo}) {
            service.stop();
        }
        broker.close();
        rabbit.close();
        headerEcho.close();
    }
}
