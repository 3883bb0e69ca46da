package io.workchain.notifier.stream;

import io.workchain.common.WorkchainHeaders;
import io.workchain.notifier.config.NotifierConfig;
import io.workchain.notifier.service.ControlRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Where the operator's endpoints put a retry or a cancel: the control topic, keyed by the chain's
 * hash, on the chain's partition (EndpointProducer), which the fold reads with the chain's other
 * records. The endpoint never touches the store: the fold decides, in the exactly-once transaction
 * that writes what follows.
 */
@ApplicationScoped
public class ControlTopic {

    private final EndpointProducer producer;
    private final String topic;

    public ControlTopic(EndpointProducer producer, NotifierConfig notifier) {
        this.producer = producer;
        this.topic = notifier.topics().control();
    }

    /** Writes the request and returns once the broker has it (all in-sync replicas). */
    public void send(ControlRequest request) throws ExecutionException, TimeoutException, InterruptedException {
        producer.send(topic, request.hash(), request.toJson(), WorkchainHeaders.json());
    }
}
