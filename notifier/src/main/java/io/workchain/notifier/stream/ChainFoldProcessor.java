package io.workchain.notifier.stream;

import io.workchain.common.DeadLetterHeaders;
import io.workchain.common.RecordHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.message.WorkchainMessage;
import io.workchain.notifier.config.NotifierConfig;
import io.workchain.notifier.service.ChainFold;
import io.workchain.notifier.service.ChainState;
import io.workchain.notifier.service.FoldResult;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds the work and notification records of each chain (same key, same partition) into its
 * state and forwards what follows: the next step to the work topic, the completion message, and
 * refused notifications to the dead-letter topic. Runs under exactly-once processing, so the
 * state change and the records it forwards commit together.
 */
class ChainFoldProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = Logger.getLogger(ChainFoldProcessor.class);
    static final String SERVICE = "workchain-notifier";

    private final NotifierConfig config;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, ChainState> chains;

    ChainFoldProcessor(NotifierConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.chains = context.getStateStore(TopologyNames.CHAINS_STORE);
        context.schedule(config.notifier().cleanupInterval(), PunctuationType.WALL_CLOCK_TIME, this::cleanUp);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        boolean isWork = source.topic().equals(config.topics().work());
        WorkchainMessage message;
        try {
            message = isWork ? ChainHash.ensure(decode(record, WorkMessage.class)) : decode(record, NotificationMessage.class);
        } catch (MalformedMessageException e) {
            if (isWork) {
                // The ESB reads the same record and dead-letters it; a second copy would only confuse.
                LOG.debugf("ignoring an unreadable work record at %s: %s", origin(source), e.getMessage());
            } else {
                deadLetter(record, source, e.getMessage(), e.field());
            }
            return;
        }
        if (!message.hash().equals(record.key())) {
            rekey(record, message, isWork);
            return;
        }
        long now = System.currentTimeMillis();
        ChainState state = chains.get(message.hash());
        FoldResult result = message instanceof WorkMessage work
                ? ChainFold.onWork(state, work, now)
                : ChainFold.onNotification(state, (NotificationMessage) message, now);
        apply(result, record, source);
    }

    private void apply(FoldResult result, Record<String, byte[]> record, RecordMetadata source) {
        if (result.state() != null) {
            chains.put(result.state().hash(), result.state());
        }
        if (result.nextWork() != null) {
            forward(TopologyNames.WORK_SINK, result.nextWork(), record);
            LOG.debugf("%s: next step %d", result.nextWork().hash(), result.nextWork().nextStep().orElse(-1));
        }
        if (result.completion() != null) {
            forward(TopologyNames.COMPLETION_SINK, result.completion(), record);
            LOG.infof("%s: chain %s", result.completion().hash(), result.completion().status());
        }
        for (String refusal : result.refusals()) {
            deadLetter(record, source, refusal, "items");
        }
    }

    /**
     * A record keyed otherwise than by its hash (a hand-written kcat submission, say) goes back to
     * its topic keyed by the hash, hash filled in, so every record of the chain shares a partition.
     */
    private void rekey(Record<String, byte[]> record, WorkchainMessage message, boolean isWork) {
        LOG.debugf("re-keying a %s record from '%s' to its hash %s", isWork ? "work" : "notification",
                record.key(), message.hash());
        forward(isWork ? TopologyNames.WORK_SINK : TopologyNames.NOTIFICATION_SINK, message, record);
    }

    private void forward(String sink, WorkchainMessage message, Record<String, byte[]> cause) {
        Headers headers = copyWithout(cause.headers(), RecordHeaders.CONTENT_TYPE);
        headers.add(RecordHeaders.contentType(WireFormat.JSON));
        context.forward(new Record<>(message.hash(), MessageCodec.toJson(message), cause.timestamp(), headers), sink);
    }

    private void deadLetter(Record<String, byte[]> record, RecordMetadata source, String reason, String field) {
        LOG.warnf("refused a record at %s: %s", origin(source), reason);
        List<Header> headers = DeadLetterHeaders.of(record.headers(), reason, field,
                DeadLetterHeaders.origin(source.topic(), source.partition(), source.offset()), SERVICE);
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(),
                new org.apache.kafka.common.header.internals.RecordHeaders(headers)), TopologyNames.DEAD_LETTER_SINK);
    }

    /** Removes finished chains, and chains whose work never came, once the retention has passed. */
    private void cleanUp(long now) {
        long retention = config.notifier().retention().toMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, ChainState> all = chains.all()) {
            all.forEachRemaining(entry -> {
                ChainState state = entry.value;
                long since = state.finished() ? state.finishedAt() : state.updatedAt();
                if ((state.finished() || state.work() == null) && since + retention < now) {
                    expired.add(entry.key);
                }
            });
        }
        expired.forEach(chains::delete);
        if (!expired.isEmpty()) {
            LOG.debugf("removed %d expired chain states", expired.size());
        }
    }

    private static <T extends WorkchainMessage> T decode(Record<String, byte[]> record, Class<T> type) {
        return MessageCodec.decode(record.value() == null ? new byte[0] : record.value(),
                RecordHeaders.text(record.headers(), RecordHeaders.CONTENT_TYPE), type);
    }

    private static Headers copyWithout(Headers headers, String name) {
        Headers copy = new org.apache.kafka.common.header.internals.RecordHeaders();
        for (Header header : headers) {
            if (!header.key().equals(name)) {
                copy.add(header);
            }
        }
        return copy;
    }

    private static String origin(RecordMetadata source) {
        return DeadLetterHeaders.origin(source.topic(), source.partition(), source.offset());
    }
}
