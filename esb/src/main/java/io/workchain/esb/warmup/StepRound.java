package io.workchain.esb.warmup;

import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.warmup.ChainMessagesRound;
import io.workchain.esb.service.PlaceholderResolver;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The ESB's own per-step code on a made-up one-step chain, beside the messages' round: the step's
 * request resolved (placeholders, limits) as the dispatcher does before each call. Pure: no record
 * read or written, no call to the gateway.
 */
final class StepRound implements Runnable {

    private final ChainMessagesRound messages;
    private final int maxPayloadChars;
    private final AtomicLong counter = new AtomicLong();

    StepRound(ChainMessagesRound messages, int maxPayloadChars) {
        this.messages = messages;
        this.maxPayloadChars = maxPayloadChars;
    }

    @Override
    public void run() {
        messages.run();
        WorkMessage work = ChainHash.ensure(ChainMessagesRound.work(counter.incrementAndGet()));
        if (PlaceholderResolver.resolve(work, 0, maxPayloadChars) == null) {
            throw new IllegalStateException("a made-up step had no request in the ESB's warm-up");
        }
    }
}
