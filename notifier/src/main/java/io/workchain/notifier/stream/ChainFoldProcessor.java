package io.workchain.notifier.stream;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.workchain.common.DeadLetterHeaders;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.callback.CallbackSigner;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.limits.MessageLimits;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.message.WorkchainMessage;
import io.workchain.common.trace.ChainTrace;
import io.workchain.notifier.config.NotifierConfig;
import io.workchain.notifier.service.ChainFold;
import io.workchain.notifier.service.ChainState;
import io.workchain.notifier.service.ControlRequest;
import io.workchain.notifier.service.FoldResult;
import io.workchain.notifier.service.Refusal;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Folds the work, notification and control records of each chain (same key, same partition) into
 * its state, and its timers on wall-clock punctuation, and forwards what follows: a new chain's
 * first step and every next step to the steps topic, the completion message (with the ESB's cancel
 * marker for a cancelled chain), and refused records to the dead-letter topic. Runs under exactly-once processing, so the state change and the records it
 * forwards commit together. No record stops it: whatever one record triggers ends in the
 * dead-letter topic with its reason.
 */
class ChainFoldProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = Logger.getLogger(ChainFoldProcessor.class);
    static final String SERVICE = "workchain-notifier";

    private final NotifierConfig config;
    private final ChainMetrics metrics;
    private final Tracer tracer;
    private final ChainHome home;
    private final ChainFold fold;
    private final MessageLimits limits;
    private final FoldObservations observations;
    private final CallbackReceipts callbacks;
    private ProcessorContext<String, byte[]> context;
    private FoldOutput output;
    private KeyValueStore<String, ChainState> chains;
    private ChainTimers timers;
    private ChainIndex index;
    private RefusedSubmissions refusedSubmissions;
    private final PromptCommits promptCommits;

    ChainFoldProcessor(NotifierConfig config, ChainMetrics metrics, Tracer tracer, ChainHome home,
            PromptCommits promptCommits) {
        this.config = config;
        this.home = home;
        this.metrics = metrics;
        this.tracer = tracer;
        this.fold = new ChainFold(config.notifier().foldSettings());
        this.limits = config.notifier().limits().messageLimits();
        this.observations = new FoldObservations(metrics);
        this.callbacks = new CallbackReceipts(CallbackSigner.of(config.callback().key()));
        this.promptCommits = promptCommits;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.output = new FoldOutput(context, config.wireFormat(), metrics,
                config.notifier().limits().maxRecordBytes());
        this.chains = context.getStateStore(TopologyNames.CHAINS_STORE);
        this.timers = new ChainTimers(context.getStateStore(TopologyNames.TIMERS_STORE));
        timers.rebuildFrom(chains);
        this.index = new ChainIndex(context.getStateStore(TopologyNames.INDEX_STORE));
        index.rebuildFrom(chains);
        this.refusedSubmissions = new RefusedSubmissions(home, output, chains, limits.maxItems());
        context.schedule(config.notifier().timerInterval(), PunctuationType.WALL_CLOCK_TIME, this::fireTimers);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        String origin = DeadLetterHeaders.origin(source.topic(), source.partition(), source.offset());
        // The fold's span, child of the record's traceparent (the ESB's step, a service's, or the
        // client's): the steps and the completion it forwards carry this span's, so the chain
        // stays one trace.
        String incoming = WorkchainHeaders.text(record.headers(), CallHeaders.TRACEPARENT);
        Span span = ChainTrace.start(tracer, "notifier fold", SpanKind.CONSUMER, incoming, record.key());
        span.setAttribute("workchain.topic", source.topic());
        boolean control = source.topic().equals(config.topics().control());
        FoldTrigger trigger = new FoldTrigger(record, origin, incoming, ChainTrace.traceparent(span, incoming),
                control);
        try (Scope scope = span.makeCurrent()) {
            if (control) {
                foldControl(trigger, source);
            } else {
                fold(trigger, source);
            }
        } catch (RuntimeException e) {
            // A bug one record triggers must not stop the fold for every chain: keep it, with why.
            LOG.errorf(e, "a record at %s failed unexpectedly; kept in the dead-letter topic", origin);
            output.deadLetter(record.key(), record.value(), record.headers(), origin,
                    "could not be processed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), null,
                    ChainMetrics.DeadLetterClass.ERROR);
        } finally {
            span.end();
            // A record at a quiet moment commits at once, not at the end of the commit interval.
            if (promptCommits.commitAfter(context.currentSystemTimeMs(), record.timestamp())) {
                context.commit();
            }
        }
    }

    private void fold(FoldTrigger trigger, RecordMetadata source) {
        Record<String, byte[]> record = trigger.record();
        boolean isWork = source.topic().equals(config.topics().work());
        WorkchainMessage message;
        try {
            message = isWork
                    ? ChainHash.ensure(decode(record, WorkMessage.class))
                    : decode(record, NotificationMessage.class);
        } catch (MalformedMessageException e) {
            if (isWork) {
                refusedSubmissions.refuse(trigger, source, e);
            } else {
                output.deadLetter(record.key(), record.value(), record.headers(), trigger.origin(), e.getMessage(),
                        e.field(),
                        ChainMetrics.DeadLetterClass.MALFORMED);
            }
            return;
        }
        if (!home.isInPlace(record.key(), source.topic(), source.partition(), message.hash())) {
            putInPlace(trigger, message, isWork);
            return;
        }
        // The stream thread's wall clock (the driver's, in TopologyTestDriver tests): one time source for folds and timers.
        long now = context.currentSystemTimeMs();
        ChainState state = chains.get(message.hash());
        FoldResult result = message instanceof WorkMessage work
                ? fold.onWork(state, work, now)
                : callbacks.noted(state, fold.onNotification(state, (NotificationMessage) message, now),
                        (NotificationMessage) message, record.headers(), now);
        apply(message.hash(), state, result, trigger);
    }

    /**
     * An operator's retry or cancel, written by this service's endpoint keyed by the chain's hash:
     * decided against the chain's state now (the endpoint's look may be stale), in the transaction
     * that writes what follows (the next step, or the completion and the ESB's cancel marker).
     */
    private void foldControl(FoldTrigger trigger, RecordMetadata source) {
        Record<String, byte[]> record = trigger.record();
        ControlRequest request;
        try {
            request = ControlRequest.fromJson(record.value());
        } catch (IllegalArgumentException e) {
            output.deadLetter(record.key(), record.value(), record.headers(), trigger.origin(), e.getMessage(), null,
                    ChainMetrics.DeadLetterClass.MALFORMED);
            return;
        }
        if (!home.isInPlace(record.key(), source.topic(), source.partition(), request.hash())) {
            // Only the endpoint writes this topic, on the chain's partition: a record elsewhere means the
            // control topic's partition count differs from the chains' topics', and the chain is not here.
            output.deadLetter(record.key(), record.value(), record.headers(), trigger.origin(),
                    "a control record off its "
                            + "chain's partition: " + config.topics().control()
                            + " must have the work topic's partition count",
                    null,
                    ChainMetrics.DeadLetterClass.REFUSED);
            return;
        }
        ChainState state = chains.get(request.hash());
        FoldResult result = fold.onControl(state, request, context.currentSystemTimeMs());
        LOG.infof("%s: %s of attempt %s by %s", request.hash(), request.action().word(),
                request.attempt() == null ? "any" : request.attempt(), request.by());
        apply(request.hash(), state, result, trigger);
    }

    /** Chains whose timer is due: time them out, expire their early notifications, or remove them. */
    private void fireTimers(long now) {
        for (KeyValue<String, String> due : timers.due(now)) {
            timers.remove(due.key);
            String hash = due.value;
            try {
                ChainState state = chains.get(hash);
                if (state == null) {
                    continue;
                }
                // The entry just fired is gone: the state's next timer is set afresh from what follows.
                ChainState fired = state.withTimer(0);
                FoldResult result = fold.onTimer(fired, now);
                if (result.state() == null && !result.remove()) {
                    result = new FoldResult(fired, null, null, result.refusals(), false); // not due yet: re-arm
                }
                apply(hash, fired, result, FoldTrigger.timer());
            } catch (RuntimeException e) {
                LOG.errorf(e, "the timer of chain %s failed; it is dropped", hash);
            }
        }
    }

    /** Stores what the fold decided (state, timer, index entry) and writes what follows from it. */
    private void apply(String hash, ChainState before, FoldResult original, FoldTrigger trigger) {
        FoldResult result = observations.traced(before, original, trigger);
        long previousTimer = before == null ? 0 : before.timerAt();
        observations.count(before, result, trigger, context.currentSystemTimeMs());
        if (result.remove()) {
            chains.delete(hash);
            timers.move(hash, previousTimer, 0);
            index.update(before, null);
        } else if (result.state() != null) {
            ChainState after = result.state().withTimer(fold.timerFor(result.state()));
            timers.move(hash, previousTimer, after.timerAt());
            chains.put(hash, after);
            index.update(before, after);
        }
        if (result.nextWork() != null) {
            long deadline = result.state() == null ? 0 : result.state().deadlineAt();
            output.step(result.nextWork(), trigger, deadline, fold.settings().itemTimeout().toMillis());
        }
        if (result.completion() != null) {
            output.completion(result.completion(), trigger);
            LOG.infof("%s: chain %s (attempt %d)", hash, result.completion().status(),
                    result.completion().attemptOrFirst());
            if (result.completion().status() == ChainStatus.CANCELLED) {
                output.cancelMarker(hash, result.completion().attemptOrFirst(), trigger);
            }
        }
        for (Refusal refusal : result.refusals()) {
            deadLetter(hash, refusal, trigger);
        }
    }

    /** A refused answer: the record it came in, or the early notification a timer expired. */
    private void deadLetter(String hash, Refusal refusal, FoldTrigger trigger) {
        Record<String, byte[]> record = trigger.record();
        if (refusal.early() != null || record == null) {
            ResultItem item = refusal.early();
            byte[] value = item == null ? null : MessageCodec.toJson(new NotificationMessage(hash, List.of(item)));
            output.deadLetter(hash, value, null, trigger.origin(), refusal.reason(), "items", record == null
                    ? ChainMetrics.DeadLetterClass.EXPIRED
                    : ChainMetrics.DeadLetterClass.REFUSED);
        } else {
            output.deadLetter(record.key(), record.value(), record.headers(), trigger.origin(), refusal.reason(),
                    "items",
                    ChainMetrics.DeadLetterClass.REFUSED);
        }
    }

    /**
     * A record out of place (not keyed by its hash, as a hand-written kcat submission; or keyed by
     * it but placed by another partitioner than Java's, as librdkafka's CRC32) goes back to its
     * topic keyed by the hash, hash filled in: the sink puts it on its chain's partition, where
     * every record of the chain meets. Only that copy is acted on.
     */
    private void putInPlace(FoldTrigger trigger, WorkchainMessage message, boolean isWork) {
        LOG.debugf("putting a %s record of %s in place", isWork ? "work" : "notification", message.hash());
        metrics.putInPlace(isWork);
        output.inPlace(isWork ? TopologyNames.WORK_SINK : TopologyNames.NOTIFICATION_SINK, message, trigger);
    }

    private <T extends WorkchainMessage> T decode(Record<String, byte[]> record, Class<T> type) {
        return MessageCodec.decode(record.value() == null ? new byte[0] : record.value(),
                WorkchainHeaders.text(record.headers(), WorkchainHeaders.CONTENT_TYPE), type, limits);
    }
}
