package io.workchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.workchain.common.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Topic and consumer-group names have one source, {@code common}'s {@link Topics}: every other
 * place that must spell them (the services' application.properties, which Quarkus reads before
 * any code runs; the Kubernetes topics and ACLs; the scripts) is checked against it here, offline.
 */
class NamesInOnePlaceTest {

    private static final Path ROOT = Path.of(System.getProperty("workchain.root", ".."));
    private static final Map<String, String> TOPIC_KEYS = Map.of(
            "workchain.topics.work", Topics.WORK,
            "workchain.topics.steps", Topics.STEPS,
            "workchain.topics.notification", Topics.NOTIFICATION,
            "workchain.topics.completion", Topics.COMPLETION,
            "workchain.topics.dead-letter", Topics.DEAD_LETTER,
            "workchain.topics.control", Topics.CONTROL);
    /** A literal topic name anywhere: workchain.work, workchain.dlq and so on. */
    private static final Pattern TOPIC_LITERAL = Pattern
            .compile("\\bworkchain\\.(work|steps|notification|completion|dlq|control)\\b");

    @Test
    void everyServiceNamesTheTopicsOfCommon() throws IOException {
        for (String service : List.of("esb", "notifier", "demo-service", "gateway")) {
            Properties properties = properties(service);
            properties.stringPropertyNames().stream().filter(key -> key.startsWith("workchain.topics.")).forEach(
                    key -> assertEquals(TOPIC_KEYS.get(key), properties.getProperty(key), service + ": " + key));
            // Channels and streams take their topics from workchain.topics.*, never a name of their own.
            properties.stringPropertyNames().stream()
                    .filter(key -> key.endsWith(".topic") || key.endsWith(".topics"))
                    .forEach(key -> assertTrue(
                            properties.getProperty(key).matches("(\\$\\{workchain\\.topics\\.[a-z-]+\\},?)+"),
                            service + ": " + key + " should name ${workchain.topics.*}, not "
                                    + properties.getProperty(key)));
        }
    }

    @Test
    void theAclsNameOnlyKnownTopicsAndTheServicesGroups() throws IOException {
        Set<String> aclTopics = new TreeSet<>();
        Set<String> aclGroups = new TreeSet<>();
        for (JsonNode user : yaml(ROOT.resolve("k8s/base/kafka-users.yaml"))) {
            user.at("/spec/authorization/acls").forEach(acl -> {
                JsonNode resource = acl.get("resource");
                if (!"literal".equals(resource.path("patternType").asText("literal"))) {
                    return;
                }
                switch (resource.get("type").asText()) {
                    case "topic" -> aclTopics.add(resource.get("name").asText());
                    case "group" -> aclGroups.add(resource.get("name").asText());
                    default -> {
                    }
                }
            });
        }
        assertEquals(new TreeSet<>(Topics.ALL), aclTopics, "the ACLs name exactly the topics of common");
        assertEquals(new TreeSet<>(List.of(properties("esb").getProperty("mp.messaging.incoming.steps.group.id"),
                properties("notifier").getProperty("quarkus.kafka-streams.application-id"))), aclGroups,
                "a group ACL for each consumer group the services use");
    }

    @Test
    void scriptsAndJavaSourcesSpellNoTopicName() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(Files::isRegularFile).filter(NamesInOnePlaceTest::isSourceOrScript)
                    .toList()) {
                if (file.endsWith(Path.of("common/src/main/java/io/workchain/common/Topics.java"))) {
                    continue;
                }
                Matcher matcher = TOPIC_LITERAL.matcher(Files.readString(file));
                if (matcher.find()) {
                    offenders.add(ROOT.relativize(file) + " (" + matcher.group() + ")");
                }
            }
        }
        assertEquals(List.of(), offenders, "topic names come from Topics (Java) or workchain.topics.* (configuration)");
    }

    private static boolean isSourceOrScript(Path file) {
        String path = file.toString().replace('\\', '/');
        if (path.contains("/target/") || path.contains("/.workchain/") || path.contains("/.git/")
                || path.contains("/src/test/")) {
            return false; // tests may spell the names they check
        }
        return path.endsWith(".java") || path.contains("/bin/") || path.endsWith("/.ci/run");
    }

    private static Properties properties(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files
                .newBufferedReader(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    private static List<JsonNode> yaml(Path file) throws IOException {
        return new ObjectMapper().readValues(new YAMLFactory().createParser(file.toFile()), JsonNode.class).readAll()
                .stream().filter(node -> node != null && !node.isEmpty()).toList();
    }
}
