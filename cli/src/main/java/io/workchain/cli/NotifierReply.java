package io.workchain.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the notifier answered a command: the HTTP status and the body read as JSON (a missing node
 * when a 401 or 403 came without a JSON body, as an authenticating proxy may answer).
 */
record NotifierReply(int status, String body, JsonNode json) {

    /** The notifier's {@code error} field, or {@code fallback} when it gave none. */
    String error(String fallback) {
        return json.path("error").asText(fallback);
    }

    /** Whether the operator's credentials were refused (401 or 403). */
    boolean credentialsRefused() {
        return status == 401 || status == 403;
    }
}
