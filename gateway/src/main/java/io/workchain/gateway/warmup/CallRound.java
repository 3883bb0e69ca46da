package io.workchain.gateway.warmup;

import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.warmup.ChainMessagesRound;
import io.workchain.gateway.client.OutcomeClassifier;
import io.workchain.gateway.service.CallbackGrants;

import java.util.function.UnaryOperator;

/**
 * The gateway's own per-call code on the messages' round's made-up chain: the item's
 * callback grant signed (when callbacks are on) and a service's answer classified. Pure: no target
 * is resolved or called.
 */
final class CallRound implements Runnable {

    private static final String ANSWER = "{\"text\":\"WARM-UP\"}";

    private final ChainMessagesRound messages;
    private final CallbackGrants grants;

    CallRound(ChainMessagesRound messages, CallbackGrants grants) {
        this.messages = messages;
        this.grants = grants;
    }

    @Override
    public void run() {
        WorkMessage work = messages.next();
        long now = System.currentTimeMillis();
        Invocation invocation = new Invocation(work.hash(), 0, 0, work.items().get(0).request(), null, null, null,
                null, now + 60_000);
        grants.grant(invocation, now);
        InvocationOutcome outcome = OutcomeClassifier.classify(200, ANSWER, "application/json", "warm-up",
                UnaryOperator.identity());
        if (outcome.response() == null) {
            throw new IllegalStateException("a made-up answer was not classified as one in the gateway's warm-up");
        }
    }
}
