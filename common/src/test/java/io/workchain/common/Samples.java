package io.workchain.common;

import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Messages used across common's tests. */
public final class Samples {

    private Samples() {}

    /** Two parallel items, then one more, the last carrying a placeholder and a unicode payload. */
    public static WorkMessage work() {
        return WorkMessage.builder()
                .item(0, Request.http("http://demo-service:8080", "/api/text/upper", "POST", "{\"text\":\"hello\"}"))
                .item(0, Request.http("demo", "/api/text/reverse", "post", "{\"text\":\"h\u00e9llo \\n\"}"))
                .item(1, Request.http("demo", "/api/text/count", "GET", null))
                .build();
    }

    /** The same items run again on purpose, under a run id (and with a deadline of its own). */
    public static WorkMessage workRunAgain() {
        return ChainHash.ensure(work().withRunId("second:2024-06-01T12.00_a-1").withTimeout(60_000L));
    }

    /** The work message after its first step answered. */
    public static WorkMessage workInProgress() {
        return work().withResponse(0, Response.success("{\"text\":\"HELLO\"}", "{\"status\":200}"))
                .withResponse(1, Response.failure("boom", null));
    }

    public static NotificationMessage notification() {
        return new NotificationMessage(work().hash(), List.of(
                new ResultItem(0, 0, Response.success("{\"text\":\"HELLO\"}", "{\"status\":200}")),
                new ResultItem(0, 1, Response.failure("503 from service", null))));
    }

    public static CompletionMessage completion() {
        return new CompletionMessage(work().hash(), List.of(
                new ResultItem(0, 0, Response.success("a", "m")),
                new ResultItem(0, 1, Response.success("b", null)),
                new ResultItem(1, null, Response.failure("not run", null))), ChainStatus.FAILED, "items[1] failed", 2);
    }

    public static byte[] resource(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
