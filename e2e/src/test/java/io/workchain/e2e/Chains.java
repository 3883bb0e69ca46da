package io.workchain.e2e;

import io.workchain.common.codec.MessageCodec;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.UUID;

/** Builders and readers the end-to-end tests share. */
final class Chains {

    private Chains() {}

    /** A text no other test uses, so every chain has its own hash. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Request demo(String endpoint, String payload) {
        return Request.http("demo", endpoint, "POST", payload);
    }

    static String text(String value) {
        return "{\"text\":\"" + value + "\"}";
    }

    static WorkMessage single(Request request) {
        return WorkMessage.builder().item(0, request).build();
    }

    /** Every result item of every notification of the chain, in arrival order. */
    static List<ResultItem> notified(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .map(r -> MessageCodec.decode(r.value(), null, NotificationMessage.class))
                .flatMap(n -> n.items().stream()).toList();
    }

    static List<CompletionMessage> completions(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> MessageCodec.decode(r.value(), null, CompletionMessage.class)).toList();
    }
}
