package io.workchain.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes manifests, checked offline (no cluster here): every document of k8s/ is read
 * strictly into the API's model classes (an unknown or misspelt field fails), and the references
 * between them hold. Catches field names and types, not enum values.
 */
class KubernetesManifestsTest {

    private static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("Deployment", Deployment.class), Map.entry("Service", Service.class),
            Map.entry("ConfigMap", ConfigMap.class), Map.entry("Secret", Secret.class),
            Map.entry("KafkaTopic", KafkaTopic.class), Map.entry("KafkaUser", KafkaUser.class),
            Map.entry("Kafka", Kafka.class), Map.entry("KafkaNodePool", KafkaNodePool.class),
            Map.entry("PodDisruptionBudget", PodDisruptionBudget.class), Map.entry("NetworkPolicy", NetworkPolicy.class),
            // No Java model of KEDA's resources here: read as trees, their fields checked below.
            Map.entry("ScaledObject", JsonNode.class), Map.entry("TriggerAuthentication", JsonNode.class));
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .annotationIntrospector(new NoAnySetter()) // the models' any-setters would swallow unknown fields
            .build();

    /** The models' own annotations, less @JsonAnySetter. */
    private static final class NoAnySetter extends JacksonAnnotationIntrospector {
        @Override
        public Boolean hasAnySetter(Annotated annotated) {
            return Boolean.FALSE;
        }
    }
    private static final Path K8S = Path.of(System.getProperty("workchain.root", ".."), "k8s");
    /** Secrets the operator creates (their creation is written beside their use): no password in the repository. */
    private static final List<String> OPERATOR_SECRETS = List.of("workchain-notifier-operator");

    @Test
    void everyManifestReadsStrictlyIntoItsModel() throws IOException {
        List<Object> objects = loadAll(K8S.resolve("base"));
        assertEquals(4 + 4 + 1 + io.workchain.common.Topics.ALL.size() + 5 + 1 + 2 + 2 + 1 + 1 + 4 + 3, objects.size(),
                "4 deployments, 4 services, 1 config map, the topics, 5 Kafka users, the Kafka cluster and its 2 node pools,"
                        + " 2 scaled objects and their trigger authentication and user-name secret, 4 disruption budgets,"
                        + " 3 network policies");
    }

    @Test
    void referencesHold() throws IOException {
        List<Object> objects = loadAll(K8S.resolve("base"));
        List<String> services = objects.stream().filter(Service.class::isInstance)
                .map(o -> ((Service) o).getMetadata().getName()).toList();
        ConfigMap config = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast).findFirst().orElseThrow();
        for (Object object : objects) {
            if (object instanceof Deployment deployment) {
                String name = deployment.getMetadata().getName();
                assertTrue(services.contains(name), "a Service for " + name);
                assertEquals(deployment.getSpec().getSelector().getMatchLabels(),
                        Map.of("app.kubernetes.io/name", name), "selector of " + name);
                assertEquals("app.kubernetes.io/name=" + name, "app.kubernetes.io/name="
                        + deployment.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/name"));
                deployment.getSpec().getTemplate().getSpec().getContainers().forEach(container -> {
                    assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath());
                    container.getEnv().stream().filter(e -> e.getValueFrom() != null
                            && e.getValueFrom().getConfigMapKeyRef() != null).forEach(e ->
                            assertTrue(config.getData().containsKey(e.getValueFrom().getConfigMapKeyRef().getKey()),
                                    name + " refers to a missing config key " + e.getValueFrom().getConfigMapKeyRef().getKey()));
                    container.getEnv().stream().filter(e -> e.getValueFrom() != null
                            && e.getValueFrom().getSecretKeyRef() != null
                            && !OPERATOR_SECRETS.contains(e.getValueFrom().getSecretKeyRef().getName())).forEach(e ->
                            assertTrue(users(objects).containsKey(e.getValueFrom().getSecretKeyRef().getName()),
                                    name + " reads the Secret of a KafkaUser that does not exist: "
                                            + e.getValueFrom().getSecretKeyRef().getName()));
                });
            }
        }
        List<KafkaTopic> topics = objects.stream().filter(KafkaTopic.class::isInstance).map(KafkaTopic.class::cast).toList();
        assertEquals(io.workchain.common.Topics.ALL, topics.stream().map(t -> t.getSpec().getTopicName()).toList(),
                "the manifests create exactly the topics the services use");
        assertEquals(1, topics.stream().map(t -> t.getSpec().getPartitions()).distinct().count(),
                "one partition count: the notifier joins work and notifications by key");
    }

    /** Results come only from where they should: who may write the topics whose records are trusted. */
    @Test
    void onlyTheRightRolesWriteTrustedTopics() throws IOException {
        Map<String, KafkaUser> users = users(loadAll(K8S.resolve("base")));
        Map<String, List<String>> writers = new java.util.TreeMap<>();
        users.forEach((name, user) -> ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls().stream()
                .filter(acl -> acl.getResource() instanceof AclRuleTopicResource)
                .filter(acl -> acl.getOperations().contains(AclOperation.WRITE) || acl.getOperations().contains(AclOperation.ALL))
                .forEach(acl -> writers.computeIfAbsent(((AclRuleTopicResource) acl.getResource()).getName(),
                        t -> new ArrayList<>()).add(name)));
        assertEquals(List.of("workchain-notifier"), writers.get(io.workchain.common.Topics.STEPS));
        assertEquals(List.of("workchain-notifier"), writers.get(io.workchain.common.Topics.COMPLETION));
        assertEquals(List.of("workchain-esb", "workchain-notifier", "workchain-demo-service").stream().sorted().toList(),
                writers.get(io.workchain.common.Topics.NOTIFICATION).stream().sorted().toList());
        assertEquals(List.of("workchain-client", "workchain-notifier").stream().sorted().toList(),
                writers.get(io.workchain.common.Topics.WORK).stream().sorted().toList());
    }

    /** Every pod runs locked down: non-root, no privilege escalation, read-only root, only mounted volumes written. */
    @Test
    void everyPodIsLockedDown() throws IOException {
        for (Deployment deployment : deployments(loadAll(K8S.resolve("base")))) {
            String name = deployment.getMetadata().getName();
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), name + ": no service account token");
            List<String> volumes = pod.getVolumes().stream().map(v -> v.getName()).toList();
            for (var container : pod.getContainers()) {
                var security = container.getSecurityContext();
                assertEquals(Boolean.TRUE, security.getRunAsNonRoot(), name + " runs as non-root");
                assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), name);
                assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), name + " has a read-only root");
                assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), name);
                assertEquals("RuntimeDefault", security.getSeccompProfile().getType(), name);
                assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")), name + " mounts /tmp");
                container.getVolumeMounts().forEach(mount -> assertTrue(volumes.contains(mount.getName()),
                        name + " mounts a volume it does not declare: " + mount.getName()));
                assertTrue(container.getResources().getLimits().containsKey("memory"), name + " has a memory limit");
                assertTrue(container.getResources().getRequests().containsKey("cpu"), name + " requests CPU");
            }
        }
    }

    /** Disruption budgets and network policies select pods that exist; only the gateway reaches services, only the ESB the gateway. */
    @Test
    void budgetsAndPoliciesSelectRealPods() throws IOException {
        List<Object> objects = loadAll(K8S.resolve("base"));
        List<Map<String, String>> podLabels = deployments(objects).stream()
                .map(d -> d.getSpec().getTemplate().getMetadata().getLabels()).toList();
        List<PodDisruptionBudget> budgets = objects.stream().filter(PodDisruptionBudget.class::isInstance)
                .map(PodDisruptionBudget.class::cast).toList();
        assertEquals(deployments(objects).size(), budgets.size(), "a disruption budget per deployment");
        for (PodDisruptionBudget budget : budgets) {
            assertEquals(1, selected(podLabels, budget.getSpec().getSelector().getMatchLabels()),
                    budget.getMetadata().getName() + " selects one deployment's pods");
        }
        Map<String, NetworkPolicy> policies = new java.util.HashMap<>();
        objects.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
                .forEach(policy -> policies.put(policy.getMetadata().getName(), policy));
        for (NetworkPolicy policy : policies.values()) {
            assertTrue(selected(podLabels, policy.getSpec().getPodSelector().getMatchLabels()) > 0,
                    policy.getMetadata().getName() + " selects pods that exist");
            policy.getSpec().getIngress().forEach(rule -> rule.getFrom().stream().filter(peer -> peer.getPodSelector() != null)
                    .forEach(peer -> assertTrue(selected(podLabels, peer.getPodSelector().getMatchLabels()) > 0,
                            policy.getMetadata().getName() + " admits pods that exist")));
        }
        assertEquals(Map.of("app.kubernetes.io/name", "gateway"), policies.get("services-from-gateway-only").getSpec()
                .getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels());
        assertEquals(Map.of("app.kubernetes.io/name", "esb"), policies.get("gateway-from-esb-only").getSpec()
                .getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels());
        assertEquals(Map.of("app.kubernetes.io/name", "notifier"), policies.get("notifier-from-peers-ingress-and-monitoring")
                .getSpec().getPodSelector().getMatchLabels(), "the notifier's chains are not open to the whole cluster");
        Deployment notifier = deployments(objects).stream().filter(d -> d.getMetadata().getName().equals("notifier")).findFirst().orElseThrow();
        assertTrue(notifier.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream().anyMatch(env ->
                env.getName().equals("WORKCHAIN_NOTIFIER_AUTH_ENABLED") && "true".equals(env.getValue())),
                "in the cluster, GET /chains and the console need the operator's credentials");
        Deployment demo = deployments(objects).stream().filter(d -> d.getMetadata().getName().equals("demo-service")).findFirst().orElseThrow();
        assertEquals("service", demo.getSpec().getTemplate().getMetadata().getLabels().get("workchain.io/role"),
                "the sample service is one the gateway alone may reach");
    }

    /**
     * KEDA scales what exists, on the groups and topics the services really use, never past the
     * partition count; Strimzi's names hold together (cluster, node pools, bootstrap address).
     */
    @Test
    void scalersAndTheKafkaClusterMatchTheServices() throws IOException {
        List<Object> objects = loadAll(K8S.resolve("base"));
        List<String> deploymentNames = deployments(objects).stream().map(d -> d.getMetadata().getName()).toList();
        Map<String, String> groups = Map.of(
                "esb", properties("esb").getProperty("mp.messaging.incoming.steps.group.id"),
                "notifier", properties("notifier").getProperty("quarkus.kafka-streams.application-id"));
        Map<String, List<String>> topicsRead = Map.of(
                "esb", List.of(io.workchain.common.Topics.WORK, io.workchain.common.Topics.STEPS),
                "notifier", List.of(io.workchain.common.Topics.WORK, io.workchain.common.Topics.NOTIFICATION));
        List<KafkaTopic> topics = objects.stream().filter(KafkaTopic.class::isInstance).map(KafkaTopic.class::cast).toList();
        int partitions = topics.get(0).getSpec().getPartitions();
        Kafka kafka = objects.stream().filter(Kafka.class::isInstance).map(Kafka.class::cast).findFirst().orElseThrow();
        String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap:9092";
        Map<String, KafkaUser> users = users(objects);
        List<String> authentications = objects.stream().filter(JsonNode.class::isInstance).map(JsonNode.class::cast)
                .filter(node -> node.get("kind").asText().equals("TriggerAuthentication"))
                .map(node -> node.at("/metadata/name").asText()).toList();
        List<String> secrets = objects.stream().filter(Secret.class::isInstance).map(o -> ((Secret) o).getMetadata().getName()).toList();
        int scalers = 0;
        for (Object object : objects) {
            if (!(object instanceof JsonNode node) || !node.get("kind").asText().equals("ScaledObject")) {
                continue;
            }
            scalers++;
            String target = node.at("/spec/scaleTargetRef/name").asText();
            assertTrue(deploymentNames.contains(target), "scales a deployment that exists: " + target);
            assertTrue(node.at("/spec/maxReplicaCount").asInt() <= partitions, target + " never past the partition count");
            assertTrue(node.at("/spec/minReplicaCount").asInt() >= 1, target + " keeps one instance: chains must not wait for a scale-up");
            for (JsonNode trigger : node.at("/spec/triggers")) {
                assertEquals("kafka", trigger.get("type").asText());
                assertEquals(groups.get(target), trigger.at("/metadata/consumerGroup").asText(), target + "'s consumer group");
                assertTrue(topicsRead.get(target).contains(trigger.at("/metadata/topic").asText()),
                        target + " is scaled on a topic it reads: " + trigger.at("/metadata/topic").asText());
                assertEquals(bootstrap, trigger.at("/metadata/bootstrapServers").asText());
                String authentication = trigger.at("/authenticationRef/name").asText();
                assertTrue(authentications.contains(authentication), "a TriggerAuthentication named " + authentication);
            }
        }
        assertEquals(2, scalers, "the ESB and the notifier are scaled");
        for (Object object : objects) {
            if (object instanceof JsonNode node && node.get("kind").asText().equals("TriggerAuthentication")) {
                for (JsonNode ref : node.at("/spec/secretTargetRef")) {
                    String secret = ref.get("name").asText();
                    assertTrue(users.containsKey(secret) || secrets.contains(secret),
                            "reads a Secret that exists (a KafkaUser's or declared): " + secret);
                }
            }
        }
        assertTrue(users.containsKey("workchain-keda"), "KEDA has its own Kafka identity");
        // Strimzi: the node pools and every topic and user belong to this cluster; the services dial its bootstrap.
        objects.stream().filter(o -> o instanceof KafkaNodePool || o instanceof KafkaTopic || o instanceof KafkaUser)
                .map(o -> ((io.fabric8.kubernetes.api.model.HasMetadata) o).getMetadata())
                .forEach(meta -> assertEquals(kafka.getMetadata().getName(), meta.getLabels().get("strimzi.io/cluster"), meta.getName()));
        List<KafkaNodePool> pools = objects.stream().filter(KafkaNodePool.class::isInstance).map(KafkaNodePool.class::cast).toList();
        assertTrue(pools.stream().anyMatch(p -> p.getSpec().getRoles().toString().toLowerCase().contains("controller")), "KRaft controllers");
        assertTrue(pools.stream().anyMatch(p -> p.getSpec().getRoles().toString().toLowerCase().contains("broker")), "brokers");
        ConfigMap config = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast).findFirst().orElseThrow();
        assertEquals(bootstrap, config.getData().get("kafka.bootstrap.servers"));
        int replicas = pools.stream().filter(p -> p.getSpec().getRoles().toString().toLowerCase().contains("broker"))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
        topics.forEach(topic -> assertTrue(topic.getSpec().getReplicas() <= replicas, topic.getSpec().getTopicName() + " fits the brokers"));
    }

    private static List<Deployment> deployments(List<Object> objects) {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
    }

    /** How many of the pods' label sets the selector matches. */
    private static long selected(List<Map<String, String>> podLabels, Map<String, String> selector) {
        return podLabels.stream().filter(labels -> labels.entrySet().containsAll(selector.entrySet())).count();
    }

    private static java.util.Properties properties(String service) throws IOException {
        java.util.Properties properties = new java.util.Properties();
        try (var reader = Files.newBufferedReader(K8S.getParent().resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    private static Map<String, KafkaUser> users(List<Object> objects) {
        Map<String, KafkaUser> users = new java.util.HashMap<>();
        objects.stream().filter(KafkaUser.class::isInstance).map(KafkaUser.class::cast)
                .forEach(user -> users.put(user.getMetadata().getName(), user));
        return users;
    }

    @Test
    void kustomizationsListExistingFiles() throws IOException {
        for (Path kustomization : List.of(K8S.resolve("base/kustomization.yaml"), K8S.resolve("overlays/local/kustomization.yaml"),
                K8S.resolve("overlays/prod/kustomization.yaml"))) {
            JsonNode node = new YAMLMapper().readTree(kustomization.toFile());
            assertFalse(node.get("resources").isEmpty());
            node.get("resources").forEach(resource -> assertTrue(Files.exists(kustomization.getParent().resolve(resource.asText())),
                    kustomization + " lists " + resource.asText()));
        }
    }

    /** KEDA's resources, read as trees: only the fields KEDA defines at each level (a typo fails). */
    private static JsonNode keda(Path file, JsonNode document) {
        assertEquals("keda.sh/v1alpha1", document.get("apiVersion").asText(), file + ": KEDA's API version");
        Map<String, List<String>> allowed = Map.of(
                "", List.of("apiVersion", "kind", "metadata", "spec"),
                "/spec", List.of("scaleTargetRef", "minReplicaCount", "maxReplicaCount", "cooldownPeriod", "pollingInterval",
                        "idleReplicaCount", "fallback", "advanced", "triggers", "secretTargetRef", "env", "podIdentity"));
        allowed.forEach((pointer, fields) -> document.at(pointer).fieldNames().forEachRemaining(field ->
                assertTrue(fields.contains(field), file + ": unknown field " + pointer + "/" + field)));
        for (JsonNode trigger : document.at("/spec/triggers")) {
            trigger.fieldNames().forEachRemaining(field -> assertTrue(List.of("type", "metadata", "authenticationRef", "name",
                    "metricType", "useCachedMetrics").contains(field), file + ": unknown trigger field " + field));
            trigger.get("metadata").fieldNames().forEachRemaining(field -> assertTrue(List.of("bootstrapServers",
                    "consumerGroup", "topic", "lagThreshold", "activationLagThreshold", "offsetResetPolicy", "sasl", "tls",
                    "allowIdleConsumers", "limitToPartitionsWithLag").contains(field), file + ": unknown kafka scaler field " + field));
        }
        return document;
    }

    private static List<Object> loadAll(Path dir) throws IOException {
        List<Object> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).sorted().toList()) {
                var parser = new YAMLFactory().createParser(file.toFile());
                for (JsonNode document : new ObjectMapper().readValues(parser, JsonNode.class).readAll()) {
                    if (document == null || document.isEmpty()) {
                        continue;
                    }
                    String kind = document.get("kind").asText();
                    Class<?> type = KINDS.get(kind);
                    assertTrue(type != null, file + ": unexpected kind " + kind);
                    objects.add(type == JsonNode.class ? keda(file, document) : STRICT.treeToValue(document, type));
                }
            }
        }
        return objects;
    }
}
