package io.workchain.common;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.message.WorkchainMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Keeps the published JSON Schema honest: what Java writes, and the specification's examples, pass it. */
class JsonSchemaTest {

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(JsonSchemaTest.class.getResourceAsStream("/workchain/v1/workchain.schema.json"));

    static Stream<WorkchainMessage> messages() {
        return Stream.of(Samples.work(), Samples.workInProgress(), Samples.workRunAgain(), Samples.notification(),
                Samples.completion());
    }

    @ParameterizedTest
    @MethodSource("messages")
    void javaOutputIsValid(WorkchainMessage message) {
        assertEquals(List.of(), errors(MessageCodec.toJsonString(message)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"work_message", "notification_message", "completion_message"})
    void specificationExamplesAreValid(String name) {
        // The schema is strict JSON: the examples' trailing commas are removed first, as a strict
        // validator in another language would need.
        String json = new String(Samples.resource("examples/" + name + ".json"), StandardCharsets.UTF_8)
                .replaceAll(",(\\s*[}\\]])", "$1");
        assertEquals(List.of(), errors(json));
    }

    @Test
    void schemaRejectsWhatTheReaderRejects() {
        assertFalse(errors("{\"work_message\":{\"items\":[]}}").isEmpty());
        assertFalse(errors(
                "{\"work_message\":{\"items\":[{\"order\":-1,\"request\":{\"url\":\"u\",\"endpoint\":\"/\",\"type\":\"HTTP\",\"method\":\"GET\"}}]}}")
                .isEmpty());
        assertFalse(errors(
                "{\"work_message\":{\"items\":[{\"order\":0,\"request\":{\"url\":\"u\",\"endpoint\":\"/\",\"type\":\"FTP\",\"method\":\"GET\"}}]}}")
                .isEmpty());
        assertFalse(
                errors("{\"notification_message\":{\"items\":[{\"order\":0,\"response\":{\"ok\":true}}]}}").isEmpty());
        assertFalse(errors("{\"job\":{}}").isEmpty());
        String item = "[{\"order\":0,\"request\":{\"url\":\"u\",\"endpoint\":\"/\",\"type\":\"HTTP\",\"method\":\"GET\"}}]";
        for (String runId : new String[]{"\"\"", "\"a b\"", "\"" + "r".repeat(129) + "\"", "7"}) {
            assertFalse(errors("{\"work_message\":{\"run_id\":" + runId + ",\"items\":" + item + "}}").isEmpty(),
                    runId);
        }
        assertEquals(List.of(),
                errors("{\"work_message\":{\"run_id\":\"" + "r".repeat(128) + "\",\"items\":" + item + "}}"));
    }

    private static List<String> errors(String json) {
        return SCHEMA.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }
}
