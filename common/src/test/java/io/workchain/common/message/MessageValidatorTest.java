package io.workchain.common.message;

import io.workchain.common.limits.MessageLimits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A request is checked by one rule wherever it travels, and the error names the field as its sender wrote it. */
class MessageValidatorTest {

    @Test
    void aRequestAloneIsNamedFromItsOwnRoot() {
        Request noMethod = new Request("demo", "/x", RequestType.HTTP, null, "{}");
        MalformedMessageException alone = assertThrows(MalformedMessageException.class,
                () -> MessageValidator.validateRequest("request", noMethod, MessageLimits.DEFAULTS));
        assertEquals("request.method", alone.field());

        WorkMessage work = new WorkMessage(null, List.of(new WorkItem(0, noMethod, null)));
        MalformedMessageException inItem = assertThrows(MalformedMessageException.class,
                () -> MessageValidator.validateWork(work));
        assertEquals("items[0].request.method", inItem.field());
        assertEquals(alone.problem(), inItem.problem(), "one rule, one wording");
    }

    @Test
    void aValidRequestPassesAndAPublishNeedsThePublishMethod() {
        assertDoesNotThrow(() -> MessageValidator.validateRequest("request", Request.http("demo", "/x", "POST", "{}"),
                MessageLimits.DEFAULTS));
        Request amqpWithPost = new Request("rabbit", "q", RequestType.AMQP, "POST", "{}");
        MalformedMessageException error = assertThrows(MalformedMessageException.class,
                () -> MessageValidator.validateRequest("request", amqpWithPost, MessageLimits.DEFAULTS));
        assertEquals("request.method", error.field());
    }

    @Test
    void aPayloadOverTheLimitIsRefusedWithTheLimit() {
        Request large = Request.http("demo", "/x", "POST", "x".repeat(11));
        MalformedMessageException error = assertThrows(MalformedMessageException.class,
                () -> MessageValidator.validateRequest("request", large, new MessageLimits(10, 10, 10)));
        assertEquals("request.payload", error.field());
        assertEquals("has 11 characters, over the limit of 10", error.problem());
    }
}
