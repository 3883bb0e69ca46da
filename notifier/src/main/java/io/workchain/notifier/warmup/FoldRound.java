package io.workchain.notifier.warmup;

import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Response;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.warmup.ChainMessagesRound;
import io.workchain.notifier.service.ChainFold;
import io.workchain.notifier.service.ChainState;
import io.workchain.notifier.service.FoldResult;
import io.workchain.notifier.stream.ChainStateSerde;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The notifier's own per-chain code on the messages' round's made-up one-step chain: the
 * fold admits the chain, its state goes through the store's serde, its one answer completes it.
 * Pure: the fold is a function of its inputs, and nothing here touches a store or a topic.
 */
final class FoldRound implements Runnable {

    private static final String STORE = "warm-up";

    private final ChainMessagesRound messages;
    private final ChainFold fold;
    private final Serializer<ChainState> serializer;
    private final Deserializer<ChainState> deserializer;

    FoldRound(ChainMessagesRound messages, ChainFold fold) {
        this.messages = messages;
        this.fold = fold;
        ChainStateSerde serde = new ChainStateSerde();
        this.serializer = serde.serializer();
        this.deserializer = serde.deserializer();
    }

    @Override
    public void run() {
        WorkMessage work = messages.next();
        long now = System.currentTimeMillis();
        FoldResult admitted = fold.onWork(null, work, now);
        ChainState stored = deserializer.deserialize(STORE, serializer.serialize(STORE, admitted.state()));
        NotificationMessage answer = NotificationMessage.of(work.hash(), 0, 0,
                Response.success("{\"text\":\"WARM-UP\"}", null));
        FoldResult completed = fold.onNotification(stored, answer, now);
        if (completed.completion() == null || !completed.completion().succeeded()) {
            throw new IllegalStateException("a made-up chain did not complete in the fold's warm-up");
        }
        deserializer.deserialize(STORE, serializer.serialize(STORE, completed.state()));
    }
}
