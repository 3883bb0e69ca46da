package io.workchain.notifier.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workchain.common.callback.CallbackRefusedException;
import io.workchain.common.callback.CallbackToken;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.limits.Reasons;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.NotificationMessage;
import io.workchain.notifier.config.CallbackKey;
import io.workchain.notifier.config.NotifierConfig;
import io.workchain.notifier.query.ChainDirectory;
import io.workchain.notifier.service.CallbackCheck;
import io.workchain.notifier.stream.CallbackTopic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * What a callback does, in this order: 404 when callbacks are off (no key) or the path names no
 * item; 401 when the token is missing, forged, altered, another item's or expired (checked in
 * constant time, before the body is read); 413 past {@code workchain.callback.max-body-bytes}; 400
 * when the body is not a response object; 404/409 when the chain, as this instance holds it, cannot
 * take the answer (unknown, ended, already answered, a token of an earlier attempt's call); else
 * the answer goes on the notification topic as the item's Notification Message and the endpoint
 * answers 202. The fold decides, as for any answer: a chain that ended meanwhile ignores it. A
 * chain another instance holds is not looked at here: its fold alone decides.
 */
@ApplicationScoped
public class CallbackAnswers {

    /** One callback as it came: the path's parts as written, the token, the body's declared length, the trace. */
    public record Call(String hash, String order, String index, String token, String contentLength,
            String traceparent) {}

    private static final Logger LOG = Logger.getLogger(CallbackAnswers.class);
    private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,4}");
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final CallbackKey key;
    private final ChainDirectory directory;
    private final CallbackTopic topic;
    private final NotifierConfig config;

    public CallbackAnswers(CallbackKey key, ChainDirectory directory, CallbackTopic topic, NotifierConfig config) {
        this.key = key;
        this.directory = directory;
        this.topic = topic;
        this.config = config;
    }

    public Response answer(Call call, InputStream body) {
        if (key.signer().isEmpty()) {
            return error(404, "callbacks are off on this notifier (workchain.callback.key is not set)");
        }
        if (!ErrorAnswers.HASH.matcher(call.hash()).matches() || !NUMBER.matcher(call.order()).matches()
                || !NUMBER.matcher(call.index()).matches()) {
            return error(404, "no item " + Reasons.bounded(call.hash() + "/" + call.order() + "/" + call.index(), 80)
                    + " (the path is /callbacks/<32 hex digits>/<order>/<index>)");
        }
        int order = Integer.parseInt(call.order());
        int index = Integer.parseInt(call.index());
        CallbackToken token;
        try {
            token = key.signer().get().verify(call.token(), call.hash(), order, index, System.currentTimeMillis());
        } catch (CallbackRefusedException e) {
            LOG.infof("callback for %s/%d/%d refused: %s", call.hash(), order, index, e.getMessage());
            return Response.status(401).header("WWW-Authenticate", "Bearer realm=\"workchain-callback\"")
                    .entity(JsonNodeFactory.instance.objectNode().put("error", e.getMessage()
                            + " (send the token the gateway gave with this item's call: Authorization: Bearer <token>)")
                            .toString())
                    .build();
        }
        int max = config.callback().maxBodyBytes();
        byte[] bytes;
        try {
            if (call.contentLength() != null && Long.parseLong(call.contentLength().strip()) > max) {
                return tooLarge(max); // refused on its declared length
            }
            bytes = body == null ? new byte[0] : body.readNBytes(max + 1);
        } catch (NumberFormatException e) {
            return error(400, "Content-Length is not a number");
        } catch (IOException e) {
            return error(400, "could not read the body: " + Reasons.bounded(e.getMessage(), 200));
        }
        if (bytes.length > max) {
            return tooLarge(max);
        }
        NotificationMessage notification;
        try {
            notification = notification(token, bytes);
        } catch (MalformedMessageException e) {
            return error(400, "the body must be the item's response object, e.g. {\"error\": false, \"ok\": true, "
                    + "\"data\": \"...\"}: " + e.getMessage());
        }
        Optional<Response> refused = checkLocally(token);
        if (refused.isPresent()) {
            return refused.get();
        }
        return publish(token, notification, call.traceparent());
    }

    /** The item's answer as a Notification Message, read and checked by the same codec and limits as any. */
    private NotificationMessage notification(CallbackToken token, byte[] bytes) {
        JsonNode response;
        try {
            response = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(null,
                    "not JSON (" + Reasons.bounded(e.getOriginalMessage(), 200) + ")");
        } catch (IOException e) {
            throw new MalformedMessageException(null, "not readable");
        }
        if (response == null || !response.isObject()) {
            throw new MalformedMessageException(null, "not a JSON object");
        }
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        ObjectNode item = message.putObject("notification_message").put("hash", token.hash()).putArray("items")
                .addObject().put("order", token.order()).put("index", token.index());
        item.set("response", response);
        return MessageCodec.decode(message.toString().getBytes(StandardCharsets.UTF_8),
                WireFormat.JSON.contentType(), NotificationMessage.class,
                config.notifier().limits().messageLimits());
    }

    /** The chain as this instance holds it (when it does): 404/409 with why it cannot take the answer. */
    private Optional<Response> checkLocally(CallbackToken token) {
        try {
            if (directory.otherOwner(token.hash()).isPresent()) {
                return Optional.empty(); // another instance's: its fold decides
            }
            return CallbackCheck.refusal(directory.local(token.hash()), token)
                    .map(refusal -> error(refusal.status(), refusal.reason()));
        } catch (InvalidStateStoreException e) {
            return Optional.of(error(503, "the chain store is not ready; try again shortly"));
        }
    }

    private Response publish(CallbackToken token, NotificationMessage notification, String traceparent) {
        long now = System.currentTimeMillis();
        String receipt = key.signer().map(signer -> signer.receipt(token.hash(), token.order(), token.index(), now))
                .orElseThrow();
        try {
            topic.send(notification, receipt,
                    traceparent != null && TRACEPARENT.matcher(traceparent).matches() ? traceparent : null);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("could not publish the callback of %s: %s", token.item(), e.getMessage());
            return error(503, "could not pass the answer on (Kafka did not take it in time); try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "interrupted");
        }
        LOG.infof("%s: callback answer accepted", token.item());
        ObjectNode accepted = JsonNodeFactory.instance.objectNode().put("hash", token.hash())
                .put("order", token.order()).put("index", token.index())
                .put("accepted_at", Instant.ofEpochMilli(now).toString())
                .put("message", "the answer is on its way to the chain (the first answer of an item counts; a chain "
                        + "that ended meanwhile ignores it); GET /chains/" + token.hash() + " shows the outcome");
        return Response.accepted(accepted.toString()).build();
    }

    private static Response tooLarge(int max) {
        return error(413, "the body is larger than " + max + " bytes (workchain.callback.max-body-bytes)");
    }

    private static Response error(int status, String message) {
        return ErrorAnswers.error(status, message);
    }
}
