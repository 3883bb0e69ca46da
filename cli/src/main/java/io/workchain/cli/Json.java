package io.workchain.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.message.WorkchainMessage;

/** How the commands print messages: indented for people (submit, status), one line each for pipes (watch). */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static String pretty(WorkchainMessage message) {
        return MessageCodec.toTree(message).toPrettyString();
    }

    static String line(WorkchainMessage message) {
        return MessageCodec.toJsonString(message);
    }

    static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }
}
