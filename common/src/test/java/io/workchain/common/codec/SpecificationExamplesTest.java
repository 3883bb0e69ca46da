package io.workchain.common.codec;

import io.workchain.common.Samples;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.RequestType;
import io.workchain.common.message.WorkMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The specification's examples, verbatim: trailing commas included. */
class SpecificationExamplesTest {

    private static final String HASH = "5d41402abc4b2a76b9719d911017c592";

    @Test
    void workMessageExampleDecodes() {
        byte[] bytes = Samples.resource("examples/work_message.json");
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("},\n    ],"),
                "the example keeps its trailing commas");

        WorkMessage work = MessageCodec.decode(bytes, null, WorkMessage.class);

        assertEquals(HASH, work.hash());
        assertEquals(2, work.items().size());
        assertEquals(0, work.items().get(0).order());
        assertEquals("http://demo-service:8080", work.items().get(0).request().url());
        assertEquals("/api/text/upper", work.items().get(0).request().endpoint());
        assertEquals(RequestType.HTTP, work.items().get(0).request().type());
        assertEquals("POST", work.items().get(0).request().method());
        assertEquals("{\"text\":\"hello\"}", work.items().get(0).request().payload());
        assertEquals(1, work.items().get(1).order());
        assertEquals("/api/text/count", work.items().get(1).request().endpoint());
        assertNull(work.items().get(1).response());
    }

    @Test
    void notificationMessageExampleDecodes() {
        NotificationMessage notification = MessageCodec.decode(
                Samples.resource("examples/notification_message.json"), "application/json", NotificationMessage.class);

        assertEquals(HASH, notification.hash());
        assertEquals(1, notification.items().size());
        assertEquals(0, notification.items().get(0).order());
        assertNull(notification.items().get(0).index());
        assertTrue(notification.items().get(0).response().ok());
        assertFalse(notification.items().get(0).response().error());
        assertEquals("{\"text\":\"HELLO\"}", notification.items().get(0).response().data());
        assertEquals("{\"status\":200}", notification.items().get(0).response().metadata());
    }

    @Test
    void completionMessageExampleDecodes() {
        CompletionMessage completion = MessageCodec.decode(
                Samples.resource("examples/completion_message.json"), null, CompletionMessage.class);

        assertEquals(HASH, completion.hash());
        assertEquals(2, completion.items().size());
        assertEquals(1, completion.items().get(1).order());
        assertEquals("{\"words\":2}", completion.items().get(1).response().data());
        assertNull(completion.status(), "the specification's completion has no status; none is invented");
        assertTrue(completion.succeeded());
    }
}
