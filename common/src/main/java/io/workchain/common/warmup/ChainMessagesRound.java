package io.workchain.common.warmup;

import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.gateway.GatewayProtoMapper;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.limits.MessageLimits;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.WorkMessage;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every chain's messages go through in every service, on a made-up one-step chain: the work
 * message hashed, written and read back (in the service's wire format, with the limits), the gateway's invocation and
 * outcome through their gRPC messages, the notification and the completion written and read.
 * Pure: nothing leaves the process. A counter makes each round's chain different, so the hash and
 * the codecs see fresh input, not a cached result.
 */
public final class ChainMessagesRound implements Runnable {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final AtomicLong counter = new AtomicLong();
    private final MessageLimits limits;
    private final WireFormat format;

    /** {@code format}: the one the service writes on the topics, so its codec is the one warmed. */
    public ChainMessagesRound(MessageLimits limits, WireFormat format) {
        this.limits = limits;
        this.format = format;
    }

    @Override
    public void run() {
        next();
    }

    /**
     * Runs one round and returns its chain's work message as read back (hashed): a service's own
     * round goes on with the same chain rather than making and hashing another.
     */
    public WorkMessage next() {
        WorkMessage work = work(counter.incrementAndGet());
        byte[] written = MessageCodec.encode(work, format);
        WorkMessage read = ChainHash.ensure(MessageCodec.decode(written, format.contentType(),
                WorkMessage.class, limits));
        Invocation invocation = new Invocation(read.hash(), 0, 0, read.items().get(0).request(), TRACEPARENT, null,
                null, null, System.currentTimeMillis() + 60_000);
        Invocation invoked = GatewayProtoMapper.fromProto(GatewayProtoMapper.toProto(invocation));
        Response response = Response
                .success("{\"text\":\"" + invoked.request().payload().toUpperCase(Locale.ROOT) + "\"}", null);
        InvocationOutcome outcome = GatewayProtoMapper
                .fromProto(GatewayProtoMapper.toProto(InvocationOutcome.completed(response, 200, "application/json")));
        NotificationMessage notification = NotificationMessage.of(read.hash(), 0, 0, outcome.response());
        NotificationMessage folded = MessageCodec.decode(MessageCodec.encode(notification, format),
                format.contentType(), NotificationMessage.class, limits);
        CompletionMessage completion = new CompletionMessage(folded.hash(), folded.items(), ChainStatus.COMPLETED,
                null);
        if (!MessageCodec.decode(MessageCodec.encode(completion, format), format.contentType(),
                CompletionMessage.class, limits).succeeded()) {
            throw new IllegalStateException("a made-up chain did not complete in the warm-up");
        }
        return read;
    }

    /** A one-step chain like the sample's: one POST to a route's endpoint. */
    public static WorkMessage work(long n) {
        return WorkMessage.builder()
                .item(0, Request.http("warm-up", "/api/text/upper", "POST", "{\"text\":\"warm-up " + n + "\"}"))
                .build();
    }

}
