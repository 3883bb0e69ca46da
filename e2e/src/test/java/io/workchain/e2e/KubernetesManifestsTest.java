package io.workchain.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.workchain.common.Topics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Kubernetes manifests, checked offline (no cluster here): every document of k8s/ is read
 * strictly into the API's model classes (an unknown or misspelt field fails), and the references
 * between them hold. Catches field names and types, not enum values.
 */
class KubernetesManifestsTest {

    private static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("Deployment", Deployment.class), Map.entry("StatefulSet", StatefulSet.class),
            Map.entry("Service", Service.class),
            Map.entry("ConfigMap", ConfigMap.class), Map.entry("Secret", Secret.class),
            Map.entry("KafkaTopic", KafkaTopic.class), Map.entry("KafkaUser", KafkaUser.class),
            Map.entry("Kafka", Kafka.class), Map.entry("KafkaNodePool", KafkaNodePool.class),
            Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("NetworkPolicy", NetworkPolicy.class),
            // No Java model of KEDA's resources here: read as trees, their fields checked below.
            Map.entry("ScaledObject", JsonNode.class), Map.entry("TriggerAuthentication", JsonNode.class),
            // Nor of the Prometheus Operator's (k8s/monitoring): trees too, checked in MonitoringManifests.
            Map.entry("ServiceMonitor", JsonNode.class), Map.entry("PrometheusRule", JsonNode.class));
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
    private static final List<String> OPERATOR_SECRETS = List.of("workchain-notifier-operator", "workchain-callback");
    /** What kubectl apply cannot change once a workload exists is keyed by these: never one that changes per release. */
    private static final String VERSION_LABEL = "app.kubernetes.io/version";
    private static final List<String> KUSTOMIZATIONS = List.of("base", "overlays/local", "overlays/prod");

    /** A Deployment or a StatefulSet: what the checks of pods, selectors and scalers need of either. */
    private record Workload(String kind, String name, LabelSelector selector, PodTemplateSpec template,
            List<PersistentVolumeClaim> claims) {
        static Workload of(Object object) {
            if (object instanceof Deployment d) {
                return new Workload("Deployment", d.getMetadata().getName(), d.getSpec().getSelector(),
                        d.getSpec().getTemplate(), List.of());
            }
            StatefulSet s = (StatefulSet) object;
            return new Workload("StatefulSet", s.getMetadata().getName(), s.getSpec().getSelector(),
                    s.getSpec().getTemplate(),
                    s.getSpec().getVolumeClaimTemplates() == null ? List.of() : s.getSpec().getVolumeClaimTemplates());
        }

        Map<String, String> podLabels() {
            return template.getMetadata().getLabels();
        }
    }

    @Test
    void everyManifestReadsStrictlyIntoItsModel() throws IOException {
        List<Object> objects = loadAll(K8S.resolve("base"));
        assertEquals(3 + 1 + 5 + 1 + Topics.ALL.size() + 5 + 1 + 2 + 2 + 1 + 1 + 4 + 3, objects.size(),
                "3 deployments, the notifier's stateful set, 5 services (the notifier's headless one too), 1 config map,"
                        + " the topics, 5 Kafka users, the Kafka cluster and its 2 node pools,"
                        + " 2 scaled objects and their trigger authentication and user-name secret, 4 disruption budgets,"
                        + " 3 network policies");
    }

    @Test
    void referencesHold() throws IOException {
        List<Object> objects = loadAll(K8S.resolve("base"));
        List<String> services = objects.stream().filter(Service.class::isInstance)
                .map(o -> ((Service) o).getMetadata().getName()).toList();
        ConfigMap config = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast).findFirst()
                .orElseThrow();
        for (Workload workload : workloads(objects)) {
            String name = workload.name();
            assertTrue(services.contains(name), "a Service for " + name);
            assertEquals(workload.selector().getMatchLabels(),
                    Map.of("app.kubernetes.io/name", name), "selector of " + name);
            assertEquals("app.kubernetes.io/name=" + name, "app.kubernetes.io/name="
                    + workload.podLabels().get("app.kubernetes.io/name"));
            workload.template().getSpec().getContainers().forEach(container -> {
                assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath());
                container.getEnv().stream().filter(e -> e.getValueFrom() != null
                        && e.getValueFrom().getConfigMapKeyRef() != null)
                        .forEach(e -> assertTrue(
                                config.getData().containsKey(e.getValueFrom().getConfigMapKeyRef().getKey()),
                                name + " refers to a missing config key "
                                        + e.getValueFrom().getConfigMapKeyRef().getKey()));
                container.getEnv().stream().filter(e -> e.getValueFrom() != null
                        && e.getValueFrom().getSecretKeyRef() != null
                        && !OPERATOR_SECRETS.contains(e.getValueFrom().getSecretKeyRef().getName()))
                        .forEach(e -> assertTrue(
                                users(objects).containsKey(e.getValueFrom().getSecretKeyRef().getName()),
                                name + " reads the Secret of a KafkaUser that does not exist: "
                                        + e.getValueFrom().getSecretKeyRef().getName()));
            });
        }
        List<KafkaTopic> topics = objects.stream().filter(KafkaTopic.class::isInstance).map(KafkaTopic.class::cast)
                .toList();
        assertEquals(Topics.ALL, topics.stream().map(t -> t.getSpec().getTopicName()).toList(),
                "the manifests create exactly the topics the services use");
        assertEquals(1, topics.stream().map(t -> t.getSpec().getPartitions()).distinct().count(),
                "one partition count: the notifier joins work and notifications by key");
    }

    /** Results come only from where they should: who may write the topics whose records are trusted. */
    @Test
    void onlyTheRightRolesWriteTrustedTopics() throws IOException {
        Map<String, KafkaUser> users = users(loadAll(K8S.resolve("base")));
        Map<String, List<String>> writers = new TreeMap<>();
        users.forEach(
                (name, user) -> ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls().stream()
                        .filter(acl -> acl.getResource() instanceof AclRuleTopicResource)
                        .filter(acl -> acl.getOperations().contains(AclOperation.WRITE)
                                || acl.getOperations().contains(AclOperation.ALL))
                        .forEach(acl -> writers.computeIfAbsent(((AclRuleTopicResource) acl.getResource()).getName(),
                                t -> new ArrayList<>()).add(name)));
        assertEquals(List.of("workchain-notifier"), writers.get(Topics.STEPS));
        assertEquals(List.of("workchain-notifier"), writers.get(Topics.COMPLETION));
        assertEquals(
                List.of("workchain-esb", "workchain-notifier", "workchain-demo-service").stream().sorted().toList(),
                writers.get(Topics.NOTIFICATION).stream().sorted().toList());
        assertEquals(List.of("workchain-client", "workchain-notifier").stream().sorted().toList(),
                writers.get(Topics.WORK).stream().sorted().toList());
        assertEquals(List.of("workchain-notifier"), writers.get(Topics.CONTROL),
                "only the notifier's endpoints ask for a retry or a cancel");
        Map<String, List<String>> readers = new TreeMap<>();
        users.forEach(
                (name, user) -> ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls().stream()
                        .filter(acl -> acl.getResource() instanceof AclRuleTopicResource)
                        .filter(acl -> acl.getOperations().contains(AclOperation.READ)
                                || acl.getOperations().contains(AclOperation.ALL))
                        .forEach(acl -> readers.computeIfAbsent(((AclRuleTopicResource) acl.getResource()).getName(),
                                t -> new ArrayList<>()).add(name)));
        assertEquals(List.of("workchain-notifier"), readers.get(Topics.CONTROL),
                "only the notifier's fold acts on them");
    }

    /** Every pod runs locked down: non-root, no privilege escalation, read-only root, only mounted volumes written. */
    @Test
    void everyPodIsLockedDown() throws IOException {
        for (Workload workload : workloads(loadAll(K8S.resolve("base")))) {
            String name = workload.name();
            var pod = workload.template().getSpec();
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), name + ": no service account token");
            List<String> volumes = Stream.concat(pod.getVolumes().stream().map(v -> v.getName()),
                    workload.claims().stream().map(c -> c.getMetadata().getName())).toList();
            for (var container : pod.getContainers()) {
                var security = container.getSecurityContext();
                assertEquals(Boolean.TRUE, security.getRunAsNonRoot(), name + " runs as non-root");
                assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), name);
                assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), name + " has a read-only root");
                assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), name);
                assertEquals("RuntimeDefault", security.getSeccompProfile().getType(), name);
                assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")),
                        name + " mounts /tmp");
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
        List<Map<String, String>> podLabels = workloads(objects).stream().map(Workload::podLabels).toList();
        List<PodDisruptionBudget> budgets = objects.stream().filter(PodDisruptionBudget.class::isInstance)
                .map(PodDisruptionBudget.class::cast).toList();
        assertEquals(workloads(objects).size(), budgets.size(), "a disruption budget per workload");
        for (PodDisruptionBudget budget : budgets) {
            assertEquals(1, selected(podLabels, budget.getSpec().getSelector().getMatchLabels()),
                    budget.getMetadata().getName() + " selects one workload's pods");
        }
        assertEquals(workloads(objects).stream().map(Workload::name).sorted().toList(),
                budgets.stream().map(b -> b.getMetadata().getName()).sorted().toList(),
                "each named after the workload it keeps up");
        Map<String, NetworkPolicy> policies = new java.util.HashMap<>();
        objects.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
                .forEach(policy -> policies.put(policy.getMetadata().getName(), policy));
        for (NetworkPolicy policy : policies.values()) {
            assertTrue(selected(podLabels, policy.getSpec().getPodSelector().getMatchLabels()) > 0,
                    policy.getMetadata().getName() + " selects pods that exist");
            policy.getSpec().getIngress()
                    .forEach(rule -> rule.getFrom().stream().filter(peer -> peer.getPodSelector() != null)
                            .forEach(peer -> assertTrue(selected(podLabels, peer.getPodSelector().getMatchLabels()) > 0,
                                    policy.getMetadata().getName() + " admits pods that exist")));
        }
        assertEquals(Map.of("app.kubernetes.io/name", "gateway"), policies.get("services-from-gateway-only").getSpec()
                .getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels());
        assertEquals(Map.of("app.kubernetes.io/name", "esb"), policies.get("gateway-from-esb-only").getSpec()
                .getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels());
        assertEquals(Map.of("app.kubernetes.io/name", "notifier"),
                policies.get("notifier-from-peers-ingress-and-monitoring")
                        .getSpec().getPodSelector().getMatchLabels(),
                "the notifier's chains are not open to the whole cluster");
        assertTrue(policies.get("notifier-from-peers-ingress-and-monitoring").getSpec().getIngress().stream()
                .flatMap(rule -> rule.getFrom().stream()).filter(peer -> peer.getPodSelector() != null)
                .anyMatch(peer -> Map.of("workchain.io/role", "service")
                        .equals(peer.getPodSelector().getMatchLabels())),
                "services reach the notifier to answer their items by callback");
        Workload notifier = workload(objects, "notifier");
        assertTrue(
                notifier.template().getSpec().getContainers().get(0).getEnv().stream()
                        .anyMatch(env -> env.getName().equals("WORKCHAIN_NOTIFIER_AUTH_ENABLED")
                                && "true".equals(env.getValue())),
                "in the cluster, GET /chains and the console need the operator's credentials");
        assertEquals("service", workload(objects, "demo-service").podLabels().get("workchain.io/role"),
                "the sample service is one the gateway alone may reach");
    }

    /**
     * KEDA scales what exists, on the groups and topics the services really use, never past the
     * partition count; Strimzi's names hold together (cluster, node pools, bootstrap address).
     */
    @Test
    void scalersAndTheKafkaClusterMatchTheServices() throws IOException {
        List<Object> objects = loadAll(K8S.resolve("base"));
        Map<String, String> workloadKinds = new HashMap<>();
        workloads(objects).forEach(w -> workloadKinds.put(w.name(), w.kind()));
        Map<String, String> groups = Map.of(
                "esb", properties("esb").getProperty("mp.messaging.incoming.steps.group.id"),
                "notifier", properties("notifier").getProperty("quarkus.kafka-streams.application-id"));
        Map<String, List<String>> topicsRead = Map.of(
                "esb", List.of(Topics.STEPS),
                "notifier", List.of(Topics.WORK, Topics.NOTIFICATION));
        List<KafkaTopic> topics = objects.stream().filter(KafkaTopic.class::isInstance).map(KafkaTopic.class::cast)
                .toList();
        int partitions = topics.get(0).getSpec().getPartitions();
        Kafka kafka = objects.stream().filter(Kafka.class::isInstance).map(Kafka.class::cast).findFirst().orElseThrow();
        String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap:9092";
        Map<String, KafkaUser> users = users(objects);
        List<String> authentications = objects.stream().filter(JsonNode.class::isInstance).map(JsonNode.class::cast)
                .filter(node -> node.get("kind").asText().equals("TriggerAuthentication"))
                .map(node -> node.at("/metadata/name").asText()).toList();
        List<String> secrets = objects.stream().filter(Secret.class::isInstance)
                .map(o -> ((Secret) o).getMetadata().getName()).toList();
        int scalers = 0;
        for (Object object : objects) {
            if (!(object instanceof JsonNode node) || !node.get("kind").asText().equals("ScaledObject")) {
                continue;
            }
            scalers++;
            String target = node.at("/spec/scaleTargetRef/name").asText();
            assertTrue(workloadKinds.containsKey(target), "scales a workload that exists: " + target);
            // KEDA takes a target without a kind for a Deployment: a StatefulSet must be named as one.
            assertEquals(workloadKinds.get(target), node.at("/spec/scaleTargetRef/kind").asText("Deployment"),
                    "the scaler of " + target + " names its kind");
            assertEquals("apps/v1", node.at("/spec/scaleTargetRef/apiVersion").asText("apps/v1"), target);
            assertTrue(node.at("/spec/maxReplicaCount").asInt() <= partitions,
                    target + " never past the partition count");
            assertTrue(node.at("/spec/minReplicaCount").asInt() >= 1,
                    target + " keeps one instance: chains must not wait for a scale-up");
            for (JsonNode trigger : node.at("/spec/triggers")) {
                assertEquals("kafka", trigger.get("type").asText());
                assertEquals(groups.get(target), trigger.at("/metadata/consumerGroup").asText(),
                        target + "'s consumer group");
                assertTrue(topicsRead.get(target).contains(trigger.at("/metadata/topic").asText()),
                        target + " is scaled on a topic it reads: " + trigger.at("/metadata/topic").asText());
                assertEquals(bootstrap, trigger.at("/metadata/bootstrapServers").asText());
                String authentication = trigger.at("/authenticationRef/name").asText();
                assertTrue(authentications.contains(authentication), "a TriggerAuthentication named " + authentication);
            }
        }
        assertEquals(2, scalers, "the ESB and the notifier are scaled");
        JsonNode notifierScaler = objects.stream().filter(JsonNode.class::isInstance).map(JsonNode.class::cast)
                .filter(node -> node.get("kind").asText().equals("ScaledObject"))
                .filter(node -> node.at("/spec/scaleTargetRef/name").asText().equals("notifier")).findFirst()
                .orElseThrow();
        assertEquals("StatefulSet", notifierScaler.at("/spec/scaleTargetRef/kind").asText(),
                "KEDA scales the notifier's StatefulSet");
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
                .forEach(meta -> assertEquals(kafka.getMetadata().getName(), meta.getLabels().get("strimzi.io/cluster"),
                        meta.getName()));
        List<KafkaNodePool> pools = objects.stream().filter(KafkaNodePool.class::isInstance)
                .map(KafkaNodePool.class::cast).toList();
        assertTrue(
                pools.stream().anyMatch(
                        p -> p.getSpec().getRoles().toString().toLowerCase(Locale.ROOT).contains("controller")),
                "KRaft controllers");
        assertTrue(
                pools.stream()
                        .anyMatch(p -> p.getSpec().getRoles().toString().toLowerCase(Locale.ROOT).contains("broker")),
                "brokers");
        ConfigMap config = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast).findFirst()
                .orElseThrow();
        assertEquals(bootstrap, config.getData().get("kafka.bootstrap.servers"));
        int replicas = pools.stream()
                .filter(p -> p.getSpec().getRoles().toString().toLowerCase(Locale.ROOT).contains("broker"))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
        topics.forEach(topic -> assertTrue(topic.getSpec().getReplicas() <= replicas,
                topic.getSpec().getTopicName() + " fits the brokers"));
    }

    /**
     * The notifier keeps its Kafka Streams state across restarts and reschedules: a StatefulSet
     * whose claimed volume holds the state directory its configuration names, governed by a
     * headless Service under which each pod has the name it advertises to its peers, beside the
     * ClusterIP Service the console and the ingress use.
     */
    @Test
    void theNotifierKeepsItsStateOnAPersistentVolume() throws IOException {
        List<Object> objects = loadAll(K8S.resolve("base"));
        assertTrue(
                objects.stream()
                        .noneMatch(o -> o instanceof Deployment d && d.getMetadata().getName().equals("notifier")),
                "the notifier is no Deployment (its state would go with each pod)");
        StatefulSet notifier = objects.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
                .filter(set -> set.getMetadata().getName().equals("notifier")).findFirst()
                .orElseThrow(() -> new AssertionError("the notifier is a StatefulSet"));
        var pod = notifier.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().stream().filter(c -> c.getName().equals("notifier")).findFirst()
                .orElseThrow();
        List<EnvVar> env = container.getEnv();

        // Where the notifier's state goes: its application.properties, or the environment variable
        // that overrides that property (Quarkus's name for it).
        String stateDirProperty = "kafka-streams.state.dir";
        java.util.Properties config = properties("notifier");
        assertNotNull(config.getProperty(stateDirProperty), "the notifier configures " + stateDirProperty);
        EnvVar override = env(env, envName(stateDirProperty));
        String stateDir = override != null
                ? override.getValue()
                : config.getProperty(stateDirProperty).replace("${java.io.tmpdir}", "/tmp");
        assertNotNull(stateDir, envName(stateDirProperty) + " is a plain value");

        List<PersistentVolumeClaim> claims = notifier.getSpec().getVolumeClaimTemplates();
        assertEquals(1, claims.size(), "one claim per notifier pod");
        PersistentVolumeClaim claim = claims.get(0);
        String claimName = claim.getMetadata().getName();
        // The mount that holds the directory is the deepest one at or above it (not /tmp's emptyDir).
        VolumeMount holding = container.getVolumeMounts().stream()
                .filter(m -> stateDir.equals(m.getMountPath())
                        || stateDir.startsWith(m.getMountPath().replaceAll("/$", "") + "/"))
                .max(Comparator.comparingInt(m -> m.getMountPath().length()))
                .orElseThrow(() -> new AssertionError("nothing mounted at the state dir " + stateDir));
        assertEquals(claimName, holding.getName(), "the state dir " + stateDir + " is on the claimed volume");
        assertTrue(pod.getVolumes().stream().noneMatch(v -> v.getName().equals(claimName)),
                "no pod volume of the claim's name (it would take the claim's place)");
        assertEquals(List.of("ReadWriteOnce"), claim.getSpec().getAccessModes());
        assertNotNull(claim.getSpec().getResources().getRequests().get("storage"), "the claim asks for a size");
        assertNotNull(pod.getSecurityContext(), "a pod security context");
        assertNotNull(pod.getSecurityContext().getFsGroup(), "the non-root user may write a fresh volume (fsGroup)");

        Map<String, Service> services = new HashMap<>();
        objects.stream().filter(Service.class::isInstance).map(Service.class::cast)
                .forEach(service -> services.put(service.getMetadata().getName(), service));
        String serviceName = notifier.getSpec().getServiceName();
        Service governing = services.get(serviceName);
        assertNotNull(governing, "serviceName names a Service that exists: " + serviceName);
        assertEquals("None", governing.getSpec().getClusterIP(), serviceName + " is headless (one DNS name per pod)");
        assertEquals(Boolean.TRUE, governing.getSpec().getPublishNotReadyAddresses(),
                "a notifier still restoring (not ready) keeps its name for its peers");
        Service console = services.get("notifier");
        assertNotNull(console, "the notifier's ClusterIP Service stays");
        assertFalse("None".equals(console.getSpec().getClusterIP()), "the console's Service keeps its cluster IP");
        for (Service service : List.of(governing, console)) {
            assertEquals(1,
                    selected(List.of(notifier.getSpec().getTemplate().getMetadata().getLabels()),
                            service.getSpec().getSelector()),
                    service.getMetadata().getName() + " selects the notifier's pods");
        }

        // What each notifier advertises for interactive queries: its pod's name under the governing
        // Service, on its HTTP port; every $(VAR) in it defined before it (Kubernetes expands only those).
        String serverProperty = "kafka-streams.application.server";
        assertNotNull(config.getProperty(serverProperty), "the notifier configures " + serverProperty);
        EnvVar server = env(env, envName(serverProperty));
        assertNotNull(server, "the cluster sets " + envName(serverProperty));
        int port = container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow()
                .getContainerPort();
        assertTrue(
                server.getValue().startsWith("$(POD_NAME)." + serviceName + ".")
                        && server.getValue().endsWith(":" + port),
                "advertised as the pod's name under " + serviceName + ", port " + port + ": " + server.getValue());
        assertEquals("metadata.name", env(env, "POD_NAME").getValueFrom().getFieldRef().getFieldPath());
        java.util.regex.Matcher reference = java.util.regex.Pattern.compile("\\$\\((\\w+)\\)")
                .matcher(server.getValue());
        while (reference.find()) {
            EnvVar variable = env(env, reference.group(1));
            assertNotNull(variable, "defined: " + reference.group(1));
            assertTrue(env.indexOf(variable) < env.indexOf(server),
                    reference.group(1) + " is defined before it is used");
        }
    }

    /**
     * Selectors hold only labels that never change: a Deployment's or StatefulSet's selector (and a
     * StatefulSet's claim templates) cannot be changed, so a version in one would make the next
     * release's kubectl apply fail. The kustomizations put release labels on objects, never into
     * selectors; checked here on the files, and on what kustomize makes of them in overlaysRender.
     */
    @Test
    void selectorsHoldOnlyStableLabels() throws IOException {
        for (String name : KUSTOMIZATIONS) {
            JsonNode kustomization = kustomization(name);
            assertNull(kustomization.get("commonLabels"),
                    name + ": commonLabels writes its labels into every selector; use labels with includeSelectors: false");
            for (JsonNode entry : kustomization.path("labels")) {
                assertFalse(entry.path("includeSelectors").asBoolean(false), name + ": labels into selectors " + entry);
                assertFalse(entry.path("includeTemplates").asBoolean(false),
                        name + ": includeTemplates also labels the StatefulSet's volumeClaimTemplates, which cannot change");
            }
        }
        assertTrue(labelPairs("base").containsKey(VERSION_LABEL), "the objects carry the release's version");
        assertSelectorsStable("k8s/base (files)", loadAll(K8S.resolve("base")), releaseLabels());
    }

    /**
     * Every kustomization renders (kubectl's kustomize, or kustomize), each rendered document reads
     * strictly into its model, and what kustomize adds holds: the release labels on every object and
     * pod but in no selector or claim, every selector matching its pods, each overlay's image tags on
     * the containers, the notifier a StatefulSet that KEDA scales.
     */
    @Test
    void overlaysRender() throws IOException, InterruptedException {
        List<String> baseObjects = identities(loadAll(K8S.resolve("base")));
        for (String name : KUSTOMIZATIONS) {
            Path dir = K8S.resolve(name);
            List<Object> rendered = read(dir, render(dir));
            assertEquals(baseObjects, identities(rendered), name + " renders the objects of base, no more, no less");
            assertSelectorsStable(name, rendered, releaseLabels());
            Map<String, String> pairs = new LinkedHashMap<>(labelPairs("base"));
            pairs.putAll(labelPairs(name));
            for (Object object : rendered) {
                Map<String, String> labels = object instanceof JsonNode node
                        ? new YAMLMapper().convertValue(node.at("/metadata/labels"), Map.class)
                        : ((HasMetadata) object).getMetadata().getLabels();
                assertTrue(labels != null && labels.entrySet().containsAll(pairs.entrySet()),
                        name + ": " + identity(object) + " carries " + pairs + ", has " + labels);
            }
            for (Workload workload : workloads(rendered)) {
                assertTrue(workload.podLabels().entrySet().containsAll(pairs.entrySet()),
                        name + ": the pods of " + workload.name() + " carry " + pairs);
            }
            for (JsonNode image : kustomization(name).path("images")) {
                String wanted = image.get("name").asText() + ":" + image.get("newTag").asText();
                List<String> images = workloads(rendered).stream()
                        .flatMap(w -> w.template().getSpec().getContainers().stream())
                        .map(c -> c.getImage()).filter(i -> i.startsWith(image.get("name").asText() + ":")).toList();
                assertFalse(images.isEmpty(), name + ": a container runs " + image.get("name").asText());
                images.forEach(i -> assertEquals(wanted, i, name + ": the overlay's tag"));
            }
            assertEquals("StatefulSet", workload(rendered, "notifier").kind(), name + ": the notifier");
            assertTrue(rendered.stream().filter(JsonNode.class::isInstance).map(JsonNode.class::cast)
                    .filter(node -> node.get("kind").asText().equals("ScaledObject"))
                    .anyMatch(node -> node.at("/spec/scaleTargetRef/name").asText().equals("notifier")
                            && node.at("/spec/scaleTargetRef/kind").asText().equals("StatefulSet")),
                    name + ": KEDA scales the notifier's StatefulSet");
        }
    }

    /** No selector (workloads, Services, budgets, policies) or claim template holds one of the labels; workload selectors match their pods. */
    private static void assertSelectorsStable(String where, List<Object> objects, Set<String> unstable) {
        List<Map<String, String>> podLabels = workloads(objects).stream().map(Workload::podLabels).toList();
        for (Workload workload : workloads(objects)) {
            String what = where + ": " + workload.kind() + " " + workload.name();
            assertTrue(
                    workload.selector().getMatchExpressions() == null
                            || workload.selector().getMatchExpressions().isEmpty(),
                    what + " selects by labels only");
            assertStable(what + "'s selector", workload.selector().getMatchLabels(), unstable);
            assertTrue(workload.podLabels().entrySet().containsAll(workload.selector().getMatchLabels().entrySet()),
                    what + ": its selector " + workload.selector().getMatchLabels() + " matches its pods "
                            + workload.podLabels());
            workload.claims().forEach(claim -> assertStable(what + "'s claim " + claim.getMetadata().getName(),
                    claim.getMetadata().getLabels(), unstable));
        }
        for (Object object : objects) {
            if (object instanceof Service service) {
                assertStable(where + ": Service " + service.getMetadata().getName(), service.getSpec().getSelector(),
                        unstable);
                assertTrue(selected(podLabels, service.getSpec().getSelector()) > 0,
                        where + ": Service " + service.getMetadata().getName() + " selects pods that exist");
            } else if (object instanceof PodDisruptionBudget budget) {
                assertStable(where + ": budget " + budget.getMetadata().getName(),
                        budget.getSpec().getSelector().getMatchLabels(), unstable);
            } else if (object instanceof NetworkPolicy policy) {
                assertStable(where + ": policy " + policy.getMetadata().getName(),
                        policy.getSpec().getPodSelector().getMatchLabels(), unstable);
                policy.getSpec().getIngress()
                        .forEach(rule -> rule.getFrom().stream().filter(peer -> peer.getPodSelector() != null)
                                .forEach(peer -> assertStable(
                                        where + ": policy " + policy.getMetadata().getName() + "'s peer",
                                        peer.getPodSelector().getMatchLabels(), unstable)));
            }
        }
    }

    private static void assertStable(String what, Map<String, String> labels, Set<String> unstable) {
        if (labels != null) {
            labels.keySet().forEach(
                    label -> assertFalse(unstable.contains(label), what + " holds " + label + ", which changes"));
        }
    }

    /** The version, and every label a kustomization adds outside selectors (includeSelectors false): all may change. */
    private static Set<String> releaseLabels() throws IOException {
        Set<String> labels = new TreeSet<>(Set.of(VERSION_LABEL));
        for (String name : KUSTOMIZATIONS) {
            labels.addAll(labelPairs(name).keySet());
        }
        return labels;
    }

    private static Map<String, String> labelPairs(String kustomization) throws IOException {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (JsonNode entry : kustomization(kustomization).path("labels")) {
            if (!entry.path("includeSelectors").asBoolean(false)) {
                entry.path("pairs").fields()
                        .forEachRemaining(pair -> pairs.put(pair.getKey(), pair.getValue().asText()));
            }
        }
        return pairs;
    }

    private static JsonNode kustomization(String name) throws IOException {
        return new YAMLMapper().readTree(K8S.resolve(name).resolve("kustomization.yaml").toFile());
    }

    /** What kubectl kustomize (or kustomize build) prints for the directory; the test is skipped where neither is installed. */
    private static String render(Path dir) throws IOException, InterruptedException {
        for (List<String> command : List.of(List.of("kubectl", "kustomize", dir.toString()),
                List.of("kustomize", "build", dir.toString()))) {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process process;
                try {
                    process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                            .start();
                } catch (IOException notInstalled) {
                    continue;
                }
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish in 60 s");
                }
                if (process.exitValue() != 0) {
                    fail(String.join(" ", command)
                            + " failed (labels with includeSelectors need kustomize 4.1 or later, kubectl 1.22 or later): "
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
        Assumptions.abort("neither kubectl nor kustomize is installed: the kustomizations were not rendered");
        return null;
    }

    private static List<String> identities(List<Object> objects) {
        return objects.stream().map(KubernetesManifestsTest::identity).sorted().toList();
    }

    private static String identity(Object object) {
        return object instanceof JsonNode node
                ? node.get("kind").asText() + "/" + node.at("/metadata/name").asText()
                : ((HasMetadata) object).getKind() + "/" + ((HasMetadata) object).getMetadata().getName();
    }

    /** The environment variable Quarkus reads for a property (every character but letters and digits as '_', upper case). */
    private static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static EnvVar env(List<EnvVar> env, String name) {
        return env.stream().filter(e -> e.getName().equals(name)).findFirst().orElse(null);
    }

    private static List<Workload> workloads(List<Object> objects) {
        return objects.stream().filter(o -> o instanceof Deployment || o instanceof StatefulSet).map(Workload::of)
                .toList();
    }

    private static Workload workload(List<Object> objects, String name) {
        return workloads(objects).stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no workload " + name));
    }

    /** How many of the pods' label sets the selector matches. */
    private static long selected(List<Map<String, String>> podLabels, Map<String, String> selector) {
        return podLabels.stream().filter(labels -> labels.entrySet().containsAll(selector.entrySet())).count();
    }

    private static java.util.Properties properties(String service) throws IOException {
        java.util.Properties properties = new java.util.Properties();
        try (var reader = Files.newBufferedReader(
                K8S.getParent().resolve(service).resolve("src/main/resources/application.properties"))) {
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

    /**
     * k8s/monitoring: the ServiceMonitor scrapes each workload once (its one ClusterIP Service, on a
     * port the Service names) at /q/metrics, and every metric an alert names is one the code
     * publishes; the services log JSON in the cluster, by the setting their configuration knows.
     */
    @Test
    void monitoringScrapesEachWorkloadOnceAndAlertsOnMetricsThatExist() throws IOException, InterruptedException {
        List<Object> base = loadAll(K8S.resolve("base"));
        List<Object> monitoring = loadAll(K8S.resolve("monitoring"));
        List<Service> services = base.stream().filter(Service.class::isInstance).map(Service.class::cast).toList();
        JsonNode monitor = MonitoringManifests.only(monitoring, "ServiceMonitor");
        Map<String, String> selector = new YAMLMapper().convertValue(monitor.at("/spec/selector/matchLabels"),
                Map.class);
        List<Service> scraped = services.stream()
                .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
        for (Workload workload : workloads(base)) {
            List<Service> its = scraped.stream()
                    .filter(s -> selected(List.of(workload.podLabels()), s.getSpec().getSelector()) == 1).toList();
            assertEquals(1, its.size(), "the ServiceMonitor scrapes " + workload.name() + " through one Service, not "
                    + its.stream().map(s -> s.getMetadata().getName()).toList());
            assertFalse("None".equals(its.get(0).getSpec().getClusterIP()), workload.name() + ": not a headless one");
        }
        assertEquals(workloads(base).size(), scraped.size(), "no other Service is scraped");
        for (JsonNode endpoint : monitor.at("/spec/endpoints")) {
            assertEquals("/q/metrics", endpoint.path("path").asText());
            scraped.forEach(service -> assertTrue(service.getSpec().getPorts().stream()
                    .anyMatch(port -> port.getName().equals(endpoint.path("port").asText())),
                    service.getMetadata().getName() + " has a port named " + endpoint.path("port").asText()));
        }
        JsonNode rules = MonitoringManifests.only(monitoring, "PrometheusRule");
        Set<String> alerts = new TreeSet<>();
        rules.at("/spec/groups").forEach(group -> group.path("rules").forEach(rule -> alerts.add(rule.path("alert")
                .asText())));
        assertEquals(5, alerts.size(), "consumer lag, held chains, a route's circuit, the ESB's circuit, dead letters: "
                + alerts);
        assertEquals(List.of(), MonitoringManifests.unknownMetrics(rules, K8S.getParent()),
                "alerts on metrics no code publishes");
        if (MonitoringManifests.onPath("kubectl") || MonitoringManifests.onPath("kustomize")) {
            Path dir = K8S.resolve("monitoring");
            assertEquals(
                    List.of("ConfigMap/workchain-dashboard", "PrometheusRule/workchain", "ServiceMonitor/workchain"),
                    identities(read(dir, render(dir))), "k8s/monitoring renders, the dashboard as a ConfigMap");
        }
        for (Workload workload : workloads(base)) {
            List<EnvVar> env = workload.template().getSpec().getContainers().get(0).getEnv();
            EnvVar json = env(env, envName("quarkus.log.console.json.enabled"));
            assertTrue(json != null && "true".equals(json.getValue()), workload.name() + " logs JSON in the cluster");
            String module = workload.name();
            assertEquals("false", properties(module).getProperty("quarkus.log.console.json.enabled"),
                    module + ": readable lines by default, under the property the cluster's variable sets");
        }
    }

    @Test
    void kustomizationsListExistingFiles() throws IOException {
        for (Path kustomization : List.of(K8S.resolve("base/kustomization.yaml"),
                K8S.resolve("monitoring/kustomization.yaml"),
                K8S.resolve("overlays/local/kustomization.yaml"),
                K8S.resolve("overlays/prod/kustomization.yaml"))) {
            JsonNode node = new YAMLMapper().readTree(kustomization.toFile());
            assertFalse(node.get("resources").isEmpty());
            node.get("resources")
                    .forEach(resource -> assertTrue(Files.exists(kustomization.getParent().resolve(resource.asText())),
                            kustomization + " lists " + resource.asText()));
        }
    }

    /** KEDA's resources, read as trees: only the fields KEDA defines at each level (a typo fails). */
    private static JsonNode keda(Path file, JsonNode document) {
        assertEquals("keda.sh/v1alpha1", document.get("apiVersion").asText(), file + ": KEDA's API version");
        Map<String, List<String>> allowed = Map.of(
                "", List.of("apiVersion", "kind", "metadata", "spec"),
                "/spec",
                List.of("scaleTargetRef", "minReplicaCount", "maxReplicaCount", "cooldownPeriod", "pollingInterval",
                        "idleReplicaCount", "fallback", "advanced", "triggers", "secretTargetRef", "env",
                        "podIdentity"));
        if (document.at("/spec/scaleTargetRef").isObject()) {
            document.at("/spec/scaleTargetRef").fieldNames().forEachRemaining(field -> assertTrue(
                    List.of("apiVersion", "kind", "name", "envSourceContainerName").contains(field),
                    file + ": unknown field /spec/scaleTargetRef/" + field));
        }
        allowed.forEach((pointer, fields) -> document.at(pointer).fieldNames().forEachRemaining(
                field -> assertTrue(fields.contains(field), file + ": unknown field " + pointer + "/" + field)));
        for (JsonNode trigger : document.at("/spec/triggers")) {
            trigger.fieldNames()
                    .forEachRemaining(field -> assertTrue(List.of("type", "metadata", "authenticationRef", "name",
                            "metricType", "useCachedMetrics").contains(field),
                            file + ": unknown trigger field " + field));
            trigger.get("metadata").fieldNames().forEachRemaining(field -> assertTrue(List.of("bootstrapServers",
                    "consumerGroup", "topic", "lagThreshold", "activationLagThreshold", "offsetResetPolicy", "sasl",
                    "tls",
                    "allowIdleConsumers", "limitToPartitionsWithLag").contains(field),
                    file + ": unknown kafka scaler field " + field));
        }
        return document;
    }

    private static List<Object> loadAll(Path dir) throws IOException {
        List<Object> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml"))
                    .sorted().toList()) {
                objects.addAll(read(file, Files.readString(file)));
            }
        }
        return objects;
    }

    /** Every document of a YAML stream, each read strictly into its model. */
    private static List<Object> read(Path source, String yaml) throws IOException {
        List<Object> objects = new ArrayList<>();
        var parser = new YAMLFactory().createParser(yaml);
        for (JsonNode document : new ObjectMapper().readValues(parser, JsonNode.class).readAll()) {
            if (document == null || document.isEmpty()) {
                continue;
            }
            String kind = document.get("kind").asText();
            Class<?> type = KINDS.get(kind);
            assertTrue(type != null, source + ": unexpected kind " + kind);
            objects.add(type != JsonNode.class
                    ? STRICT.treeToValue(document, type)
                    : MonitoringManifests.isMonitoring(document)
                            ? MonitoringManifests.checkFields(source, document)
                            : keda(source, document));
        }
        return objects;
    }
}
