package io.workchain.notifier.stream;

import io.workchain.common.WorkchainHeaders;
import io.workchain.common.callback.CallbackHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.common.message.NotificationMessage;
import io.workchain.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Headers;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Where a service's callback goes: a Notification Message for its item on the notification topic,
 * like one the service could have published itself, so the fold treats it exactly as a Kafka
 * answer (the first answer wins; a finished chain ignores it). It carries the endpoint's receipt
 * (signed, not the token) so the fold notes it on the chain's timeline as a callback, and the
 * caller's traceparent, if any, so the chain stays one trace.
 */
@ApplicationScoped
public class CallbackTopic {

    private final EndpointProducer producer;
    private final String topic;

    public CallbackTopic(EndpointProducer producer, NotifierConfig config) {
        this.producer = producer;
        this.topic = config.topics().notification();
    }

    public void send(NotificationMessage notification, String receipt, String traceparent)
            throws ExecutionException, TimeoutException, InterruptedException {
        Headers headers = WorkchainHeaders.json();
        headers.add(WorkchainHeaders.text(CallbackHeaders.RECEIPT, receipt));
        if (traceparent != null) {
            headers.add(WorkchainHeaders.text(CallHeaders.TRACEPARENT, traceparent));
        }
        producer.send(topic, notification.hash(), MessageCodec.toJson(notification), headers);
    }
}
