package io.workchain.notifier.stream;

import io.workchain.common.WorkchainHeaders;
import io.workchain.common.callback.CallbackHeaders;
import io.workchain.common.callback.CallbackSigner;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.ResultItem;
import io.workchain.notifier.service.CallbackNotes;
import io.workchain.notifier.service.ChainState;
import io.workchain.notifier.service.FoldResult;
import org.apache.kafka.common.header.Headers;

import java.util.Optional;

/**
 * Tells the callbacks among the notifications the fold reads: a record the callback endpoint
 * wrote carries its receipt, signed with the callback key for the one item it answers. With a
 * receipt that verifies, the fold's result gets the callback noted on the chain's timeline
 * (CallbackNotes); anything else (no receipt, a forged one, callbacks off) is an answer like any
 * other, and nothing is noted.
 */
final class CallbackReceipts {

    private final Optional<CallbackSigner> signer;

    CallbackReceipts(Optional<CallbackSigner> signer) {
        this.signer = signer;
    }

    FoldResult noted(ChainState before, FoldResult result, NotificationMessage notification, Headers headers,
            long now) {
        String receipt = WorkchainHeaders.text(headers, CallbackHeaders.RECEIPT);
        if (receipt == null || signer.isEmpty() || notification.items().size() != 1) {
            return result;
        }
        ResultItem item = notification.items().get(0);
        if (item.index() == null
                || !signer.get().isReceiptFor(receipt, notification.hash(), item.order(), item.index())) {
            return result;
        }
        return CallbackNotes.noted(before, result, item.order(), item.index(), now);
    }
}
