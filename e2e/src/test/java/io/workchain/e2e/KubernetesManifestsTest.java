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
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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

    private static final Map<String, Class<?>> KINDS = Map.of(
            "Deployment", Deployment.class, "Service", Service.class, "ConfigMap", ConfigMap.class,
            "KafkaTopic", KafkaTopic.class, "KafkaUser", KafkaUser.class);
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

    @Test
    void everyManifestReadsStrictlyIntoItsModel() throws IOException {
        List<Object> objects = loadAll(K8S.resolve("base"));
        assertEquals(4 + 4 + 1 + io.workchain.common.Topics.ALL.size() + 4, objects.size(),
                "4 deployments, 4 services, 1 config map, the topics, 4 Kafka users");
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
                            && e.getValueFrom().getSecretKeyRef() != null).forEach(e ->
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

    private static Map<String, KafkaUser> users(List<Object> objects) {
        Map<String, KafkaUser> users = new java.util.HashMap<>();
        objects.stream().filter(KafkaUser.class::isInstance).map(KafkaUser.class::cast)
                .forEach(user -> users.put(user.getMetadata().getName(), user));
        return users;
    }

    @Test
    void kustomizationsListExistingFiles() throws IOException {
        for (Path kustomization : List.of(K8S.resolve("base/kustomization.yaml"), K8S.resolve("overlays/local/kustomization.yaml"))) {
            JsonNode node = new YAMLMapper().readTree(kustomization.toFile());
            assertFalse(node.get("resources").isEmpty());
            node.get("resources").forEach(resource -> assertTrue(Files.exists(kustomization.getParent().resolve(resource.asText())),
                    kustomization + " lists " + resource.asText()));
        }
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
                    objects.add(STRICT.treeToValue(document, type));
                }
            }
        }
        return objects;
    }
}
