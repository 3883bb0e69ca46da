package io.workchain.notifier.stream;

import io.workchain.common.WorkchainHeaders;
import io.workchain.common.codec.RefusedWork;
import io.workchain.common.limits.Reasons;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.Response;
import io.workchain.common.message.ResultItem;
import io.workchain.notifier.service.ChainFold;
import io.workchain.notifier.service.ChainState;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * A submission the notifier refuses (the ESB never reads the work topic) is kept in the
 * dead-letter topic with why, where its chain lives when its hash can be known (given, or
 * computed from its items as written): out of place, it goes there first as it is, and that copy
 * is the one kept and answered. The answer is a FAILED completion that says why, so a client
 * waiting on that hash hears back; never for a hash that names a chain this notifier holds: a
 * refused record must not end someone's chain.
 */
final class RefusedSubmissions {

    private static final Logger LOG = Logger.getLogger(RefusedSubmissions.class);

    private final ChainHome home;
    private final FoldOutput output;
    private final KeyValueStore<String, ChainState> chains;
    private final int maxItems;

    RefusedSubmissions(ChainHome home, FoldOutput output, KeyValueStore<String, ChainState> chains, int maxItems) {
        this.home = home;
        this.output = output;
        this.chains = chains;
        this.maxItems = maxItems;
    }

    void refuse(FoldTrigger trigger, RecordMetadata source, MalformedMessageException refusal) {
        Record<String, byte[]> record = trigger.record();
        var identity = RefusedWork.identify(record.value(),
                WorkchainHeaders.text(record.headers(), WorkchainHeaders.CONTENT_TYPE));
        if (identity.isPresent()
                && !home.isInPlace(record.key(), source.topic(), source.partition(), identity.get().hash())) {
            output.refusedInPlace(identity.get().hash(), trigger);
            return;
        }
        output.deadLetter(record.key(), record.value(), record.headers(), trigger.origin(), refusal.getMessage(),
                refusal.field(), ChainMetrics.DeadLetterClass.MALFORMED);
        if (identity.isEmpty() || chains.get(identity.get().hash()) != null) {
            LOG.debugf("a refused work record names no chain to answer: %s", refusal.getMessage());
            return;
        }
        String hash = identity.get().hash();
        String reason = "the work message was refused: " + refusal.getMessage();
        List<Integer> orders = identity.get().orders();
        List<ResultItem> items = new ArrayList<>();
        if (orders.isEmpty() || orders.size() > maxItems) {
            items.add(new ResultItem(0, null, Response.failure("not run: " + reason, ChainFold.REFUSED_METADATA)));
        } else {
            for (int i = 0; i < orders.size(); i++) {
                items.add(new ResultItem(orders.get(i), i,
                        Response.failure("not run: " + reason, ChainFold.REFUSED_METADATA)));
            }
        }
        output.completion(new CompletionMessage(hash, items, ChainStatus.FAILED, Reasons.bounded(reason)), trigger);
        LOG.infof("%s: chain FAILED (%s)", hash, Reasons.bounded(reason, 200));
    }
}
