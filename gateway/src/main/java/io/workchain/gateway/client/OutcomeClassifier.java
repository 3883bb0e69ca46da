package io.workchain.gateway.client;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.message.Response;

import java.util.function.UnaryOperator;

/**
 * The outcome rules: 202 ACCEPTED; other 2xx COMPLETED (body as data, status and content type as
 * metadata); 408, 429 and 5xx FAILED RETRYABLE; 413 FAILED TOO_LARGE; every other status FAILED FINAL.
 */
public final class OutcomeClassifier {

    private static final int REASON_BODY_CHARS = 300;

    private OutcomeClassifier() {}

    /**
     * @param mask masks the credentials the call carried; applied to the body before it is cut to
     *     the reason's length, so a secret across the cut cannot leave its beginning unmasked
     */
    public static InvocationOutcome classify(int status, String body, String contentType, String target,
            UnaryOperator<String> mask) {
        if (status == 202) {
            return InvocationOutcome.accepted(status);
        }
        if (status >= 200 && status < 300) {
            return InvocationOutcome.completed(Response.success(body, metadata(status, contentType)), status,
                    contentType);
        }
        String shown = mask.apply(body);
        String reason = "HTTP " + status + " from " + target + (shown == null || shown.isBlank()
                ? ""
                : ": " + (shown.length() > REASON_BODY_CHARS ? shown.substring(0, REASON_BODY_CHARS) + "..." : shown));
        return InvocationOutcome.failed(kind(status), reason, status);
    }

    /** 408, 429 and 5xx may pass; 413 says the request is over the service's limit; every other status is permanent. */
    static FailureKind kind(int status) {
        if (status == 408 || status == 429 || status >= 500) {
            return FailureKind.RETRYABLE;
        }
        return status == 413 ? FailureKind.TOO_LARGE : FailureKind.FINAL;
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
