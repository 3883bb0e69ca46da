package io.workchain.gateway.client;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.message.Response;

/**
 * The outcome rules: 202 ACCEPTED; other 2xx COMPLETED (body as data, status and content type as
 * metadata); 408, 429 and 5xx FAILED retryable; every other status FAILED not retryable.
 */
final class OutcomeClassifier {

    private static final int REASON_BODY_CHARS = 300;

    private OutcomeClassifier() {
    }

    static InvocationOutcome classify(int status, String body, String contentType, String target) {
        if (status == 202) {
            return InvocationOutcome.accepted(status);
        }
        if (status >= 200 && status < 300) {
            return InvocationOutcome.completed(Response.success(body, metadata(status, contentType)), status, contentType);
        }
        boolean retryable = status == 408 || status == 429 || status >= 500;
        String reason = "HTTP " + status + " from " + target + (body == null || body.isBlank() ? ""
                : ": " + (body.length() > REASON_BODY_CHARS ? body.substring(0, REASON_BODY_CHARS) + "..." : body));
        return InvocationOutcome.failed(retryable, reason, status);
    }

    static String metadata(int status, String contentType) {
        // Written by hand, once per call: a Jackson tree for two fields showed up in the gateway's profile.
        StringBuilder json = new StringBuilder(48).append("{\"status\":").append(status);
        if (contentType != null) {
            json.append(",\"content_type\":\"");
            JsonStringEncoder.getInstance().quoteAsString(contentType, json);
            json.append('"');
        }
        return json.append('}').toString();
    }
}
