package io.workchain.gateway.client;

import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.gateway.OutcomeStatus;
import io.workchain.gateway.credentials.SecretMasker;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outcome rules, and a secret in a failure's body kept out of its reason wherever it falls. */
class OutcomeClassifierTest {

    private static final String SECRET = "sk-live-0123456789abcdef";
    private static final UnaryOperator<String> MASK = SecretMasker.of(List.of(SECRET))::mask;

    @Test
    void statusesMapToTheirKinds() {
        assertEquals(OutcomeStatus.ACCEPTED, classify(202, null).status());
        assertEquals(OutcomeStatus.COMPLETED, classify(200, "{}").status());
        assertEquals(FailureKind.RETRYABLE, classify(503, "busy").kind());
        assertEquals(FailureKind.RETRYABLE, classify(429, "").kind());
        assertEquals(FailureKind.TOO_LARGE, classify(413, "").kind());
        assertEquals(FailureKind.FINAL, classify(404, "").kind());
    }

    @Test
    void aSecretAcrossTheReasonsCutLeavesNoBeginningBehind() {
        // 290 characters, then the secret: cut at 300 before masking, its first 10 would show.
        String body = "x".repeat(290) + SECRET + " and more";
        String reason = classify(401, body).reason();

        assertFalse(reason.contains(SECRET.substring(0, 6)), reason);
        assertTrue(reason.contains("***"), reason);
    }

    @Property(tries = 200)
    void noPrefixOfTheSecretEverShows(@ForAll @IntRange(min = 0, max = 400) int before) {
        String reason = classify(500, "y".repeat(before) + SECRET + "z".repeat(50)).reason();

        assertFalse(reason.contains(SECRET.substring(0, 4)), reason);
    }

    private static InvocationOutcome classify(int status, String body) {
        return OutcomeClassifier.classify(status, body, "text/plain", "http://target", MASK);
    }
}
