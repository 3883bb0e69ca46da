package io.workchain.esb.service;

import io.workchain.common.SafeUrls;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.message.WorkMessage;

import java.nio.charset.StandardCharsets;

/**
 * The chain of one step record as a route that receives the whole work message wants it, built
 * only when an item of such a route is dispatched (most routes receive their payload, and a chain
 * of many items sent with every item outgrew the gateway's message size), and at most once per
 * record and format. No item's credentials leave in it: the JSON is the record's own (the
 * notifier's) or the decoded chain's, with the user info of its URLs masked, and the protobuf
 * Envelope is made from that masked JSON.
 */
public final class ChainBody {

    private final byte[] recordValue;
    private final WorkMessage work;
    private String json;
    private byte[] protobuf;

    private ChainBody(byte[] recordValue, WorkMessage work) {
        this.recordValue = recordValue;
        this.work = work;
    }

    /** @param recordValue the step record's value as read: reused when it is JSON */
    public static ChainBody of(byte[] recordValue, WorkMessage work) {
        return new ChainBody(recordValue, work);
    }

    /** A chain with no record behind it: encoded from the message. */
    public static ChainBody of(WorkMessage work) {
        return new ChainBody(null, work);
    }

    /** The chain as JSON text, credentials masked. */
    public synchronized String json() {
        if (json == null) {
            String text = recordValue != null && looksLikeJson(recordValue)
                    ? new String(recordValue, StandardCharsets.UTF_8)
                    : MessageCodec.toJsonString(work);
            json = SafeUrls.redactText(text);
        }
        return json;
    }

    /** The chain as a protobuf Envelope, made from the masked JSON. */
    public synchronized byte[] protobuf() {
        if (protobuf == null) {
            WorkMessage masked = MessageCodec.decode(json().getBytes(StandardCharsets.UTF_8),
                    WireFormat.JSON.contentType(),
                    WorkMessage.class);
            protobuf = MessageCodec.encode(masked, WireFormat.PROTOBUF);
        }
        return protobuf;
    }

    private static boolean looksLikeJson(byte[] value) {
        return value.length > 0 && value[0] == '{';
    }
}
