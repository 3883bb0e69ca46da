package io.workchain.esb.warmup;

import io.workchain.common.message.WorkMessage;
import io.workchain.common.warmup.ChainMessagesRound;
import io.workchain.esb.service.PlaceholderResolver;

/**
 * The ESB's own per-step code on the messages' round's made-up one-step chain: the step's
 * request resolved (placeholders, limits) as the dispatcher does before each call. Pure: no record
 * read or written, no call to the gateway.
 */
final class StepRound implements Runnable {

    private final ChainMessagesRound messages;
    private final int maxPayloadChars;

    StepRound(ChainMessagesRound messages, int maxPayloadChars) {
        this.messages = messages;
        this.maxPayloadChars = maxPayloadChars;
    }

    @Override
    public void run() {
        WorkMessage work = messages.next();
        if (PlaceholderResolver.resolve(work, 0, maxPayloadChars) == null) {
            throw new IllegalStateException("a made-up step had no request in the ESB's warm-up");
        }
    }
}
