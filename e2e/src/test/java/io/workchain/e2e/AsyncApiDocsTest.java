package io.workchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.workchain.common.Topics;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.callback.CallbackHeaders;
import io.workchain.common.cloudevents.CloudEventHeaders;
import io.workchain.common.gateway.CallHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/asyncapi.yaml held against the code, offline: its channels are exactly common's topics, the
 * record headers it names are the constants the services write and read (and it describes every
 * one of WorkchainHeaders), and every schema it references exists, in the document or in common's
 * JSON Schema. A topic or header added to the code without the document fails here.
 */
class AsyncApiDocsTest {

    private static final Path ROOT = Path.of(System.getProperty("workchain.root", ".."));
    private static final Path DOCUMENT = ROOT.resolve("docs/asyncapi.yaml");
    private static JsonNode asyncApi;

    @BeforeAll
    static void read() throws IOException {
        asyncApi = new YAMLMapper().readTree(DOCUMENT.toFile());
    }

    @Test
    void theChannelsAreExactlyTheTopics() {
        assertTrue(asyncApi.path("asyncapi").asText().startsWith("3."), "AsyncAPI 3");
        List<String> addresses = new ArrayList<>();
        asyncApi.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertEquals(new TreeSet<>(Topics.ALL), new TreeSet<>(addresses),
                "a channel per topic of Topics.ALL, no other");
        assertEquals(Topics.ALL.size(), addresses.size(), "one channel per topic: " + addresses);
        asyncApi.path("channels").fields().forEachRemaining(channel -> assertFalse(
                channel.getValue().path("messages").isEmpty(), channel.getKey() + " names its messages"));
        Set<String> operated = new TreeSet<>();
        asyncApi.path("operations").forEach(operation -> operated.add(operation.at("/channel/$ref").asText()));
        asyncApi.path("channels").fieldNames().forEachRemaining(name -> assertTrue(
                operated.contains("#/channels/" + name), "an operation on channel " + name));
    }

    @Test
    void theHeadersAreTheConstantsOfTheCode() throws IllegalAccessException {
        Set<String> workchain = constants(WorkchainHeaders.class);
        Set<String> known = new TreeSet<>(workchain);
        constants(CloudEventHeaders.class).stream()
                .filter(value -> value.startsWith(CloudEventHeaders.PREFIX)
                        && value.length() > CloudEventHeaders.PREFIX.length())
                .forEach(known::add);
        known.add(CallHeaders.TRACEPARENT);
        known.add(CallHeaders.TRACESTATE);
        known.add(CallbackHeaders.RECEIPT);
        Set<String> named = new TreeSet<>();
        asyncApi.at("/components/messages").forEach(message -> named.addAll(headerNames(message.path("headers"))));
        Set<String> unknown = new TreeSet<>(named);
        unknown.removeAll(known);
        assertEquals(Set.of(), unknown, "headers the code does not name");
        Set<String> undescribed = new TreeSet<>(workchain);
        undescribed.removeAll(named);
        assertEquals(Set.of(), undescribed, "WorkchainHeaders the document does not describe");
        assertTrue(named.contains(WorkchainHeaders.DEADLINE), "the steps' deadline");
        assertTrue(named.contains(CallbackHeaders.RECEIPT), "the callback endpoint's receipt on its notifications");
    }

    /** Every $ref resolves: within the document, or a file beside it (common's JSON Schema) and a pointer in it. */
    @Test
    void everySchemaReferencedExists() throws IOException {
        List<String> refs = new ArrayList<>();
        collectRefs(asyncApi, refs);
        assertTrue(refs.stream().anyMatch(ref -> ref.contains("workchain.schema.json")),
                "the messages use common's JSON Schema");
        Map<Path, JsonNode> files = new HashMap<>();
        for (String ref : refs) {
            int hash = ref.indexOf('#');
            String file = hash < 0 ? ref : ref.substring(0, hash);
            String pointer = hash < 0 ? "" : ref.substring(hash + 1);
            JsonNode target = asyncApi;
            if (!file.isEmpty()) {
                Path path = DOCUMENT.getParent().resolve(file).normalize();
                assertTrue(Files.isRegularFile(path), ref + ": no file " + path);
                target = files.computeIfAbsent(path, AsyncApiDocsTest::readJson);
            }
            assertFalse(target.at(pointer).isMissingNode(), ref + " points to nothing");
        }
    }

    /** The messages wrap their payload as common's schema does: one wrapper per message kind of its oneOf. */
    @Test
    void theWrappersAreThoseOfTheSchema() throws IOException {
        JsonNode schema = readJson(ROOT.resolve("common/src/main/resources/workchain/v1/workchain.schema.json"));
        Set<String> wrappers = new TreeSet<>();
        schema.path("oneOf").forEach(kind -> kind.path("required").forEach(name -> wrappers.add(name.asText())));
        Set<String> documented = new TreeSet<>();
        asyncApi.at("/components/messages").forEach(message -> message.at("/payload/properties").fields()
                .forEachRemaining(property -> {
                    if (property.getKey().endsWith("_message") && property.getValue().path("$ref").asText()
                            .endsWith("workchain.schema.json#/$defs/" + property.getKey())) {
                        documented.add(property.getKey());
                    }
                }));
        assertEquals(wrappers, documented);
    }

    /** The header names a message's headers schema declares: its properties, through allOf and local $refs. */
    private static Set<String> headerNames(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            assertTrue(ref.startsWith("#/"), "headers are described in the document: " + ref);
            return headerNames(asyncApi.at(ref.substring(1)));
        }
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        schema.path("required").forEach(name -> names.add(name.asText()));
        schema.path("allOf").forEach(part -> names.addAll(headerNames(part)));
        return names;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, refs));
        }
    }

    private static Set<String> constants(Class<?> type) throws IllegalAccessException {
        Set<String> values = new TreeSet<>();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }

    private static JsonNode readJson(Path path) {
        try {
            return new ObjectMapper().readTree(path.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(path + " is not JSON", e);
        }
    }
}
