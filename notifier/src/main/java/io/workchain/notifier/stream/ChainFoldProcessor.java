package io.workchain.notifier.stream;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.workchain.common.DeadLetterHeaders;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.common.trace.ChainTrace;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.RefusedWork;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.Response;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.limits.MessageLimits;
import io.workchain.common.limits.Reasons;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.message.WorkchainMessage;
import io.workchain.notifier.config.NotifierConfig;
import io.workchain.notifier.service.ChainFold;
import io.workchain.notifier.service.ChainState;
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

import java.util.ArrayList;
import java.util.List;

/**
 * Folds the work and notification records of each chain (same key, same partition) into its
 * state, and its timers on wall-clock punctuation, and forwards what follows: the next step to the
 * steps topic, the completion message, and refused records to the dead-letter topic. Runs under
 * exactly-once processing, so the state change and the records it forwards commit together.
 * No record stops it: whatever one record triggers ends in the dead-letter topic with its reason.
 */
class ChainFoldProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = Logger.getLogger(ChainFoldProcessor.class);
    static final String SERVICE = "workchain-notifier";
    /** Where a dead letter born of a timer (an expired early notification) comes from. */
    static final String TIMER_ORIGIN = "notifier-timer";

    private final NotifierConfig config;
    private final ChainMetrics metrics;
    private final Tracer tracer;
    private final ChainHome home;
    /** The traceparent the record being folded came with (its item's span, for a notification). */
    private String recordTraceparent;
    private final ChainFold fold;
    private final MessageLimits limits;
    private ProcessorContext<String, byte[]> context;
    private FoldOutput output;
    private KeyValueStore<String, ChainState> chains;
    private ChainTimers timers;
    private ChainIndex index;

    ChainFoldProcessor(NotifierConfig config, ChainMetrics metrics, Tracer tracer, ChainHome home) {
        this.config = config;
        this.home = home;
        this.metrics = metrics;
        this.tracer = tracer;
        this.fold = new ChainFold(config.notifier().foldSettings());
        this.limits = config.notifier().limits().messageLimits();
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.output = new FoldOutput(context, config.wireFormat(), metrics, config.notifier().limits().maxRecordBytes());
        this.chains = context.getStateStore(TopologyNames.CHAINS_STORE);
        this.timers = new ChainTimers(context.getStateStore(TopologyNames.TIMERS_STORE));
        timers.rebuildFrom(chains);
        this.index = new ChainIndex(context.getStateStore(TopologyNames.INDEX_STORE));
        index.rebuildFrom(chains);
        context.schedule(config.notifier().timerInterval(), PunctuationType.WALL_CLOCK_TIME, this::fireTimers);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        // The fold's span, child of the record's traceparent (the ESB's step, a service's, or the
        // client's): the next step and the completion it forwards carry this span's, so the chain
        // stays one trace.
        String incoming = WorkchainHeaders.text(record.headers(), CallHeaders.TRACEPARENT);
        Span span = ChainTrace.start(tracer, "notifier fold", SpanKind.CONSUMER, incoming, record.key());
        span.setAttribute("workchain.topic", source.topic());
        output.foldTraceparent(ChainTrace.traceparent(span, incoming));
        recordTraceparent = incoming;
        try (Scope scope = span.makeCurrent()) {
            fold(record, source);
        } catch (RuntimeException e) {
            // A bug one record triggers must not stop the fold for every chain: keep it, with why.
            LOG.errorf(e, "a record at %s failed unexpectedly; kept in the dead-letter topic", origin(source));
            output.deadLetter(record.key(), record.value(), record.headers(), origin(source),
                    "could not be processed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), null,
                    ChainMetrics.DeadLetterClass.ERROR);
        } finally {
            span.end();
            output.foldTraceparent(null);
            recordTraceparent = null;
        }
    }

    private void fold(Record<String, byte[]> record, RecordMetadata source) {
        boolean isWork = source.topic().equals(config.topics().work());
        WorkchainMessage message;
        try {
            message = isWork ? ChainHash.ensure(decode(record, WorkMessage.class)) : decode(record, NotificationMessage.class);
        } catch (MalformedMessageException e) {
            if (isWork) {
                refuseWork(record, source, e);
            } else {
                output.deadLetter(record.key(), record.value(), record.headers(), origin(source), e.getMessage(), e.field(),
                        ChainMetrics.DeadLetterClass.MALFORMED);
            }
            return;
        }
        if (!home.isInPlace(record.key(), source.topic(), source.partition(), message.hash())) {
            putInPlace(record, message, isWork, origin(source));
            return;
        }
        // The stream thread's wall clock (the driver's, in TopologyTestDriver tests): one time source for folds and timers.
        long now = context.currentSystemTimeMs();
        ChainState state = chains.get(message.hash());
        FoldResult result = message instanceof WorkMessage work
                ? fold.onWork(state, work, now)
                : fold.onNotification(state, (NotificationMessage) message, now);
        apply(message.hash(), state, result, record, origin(source));
    }

    /**
     * A refused submission is kept in the dead-letter topic with why, where its chain lives when its
     * hash can be known (given, or computed from its items as written): out of place, it goes there
     * first as it is, and that copy is the one kept and answered. The answer is a FAILED completion
     * that says why, so a client waiting on that hash hears back; never for a hash that names a
     * chain this notifier holds: a refused record must not end someone's chain.
     */
    private void refuseWork(Record<String, byte[]> record, RecordMetadata source, MalformedMessageException refusal) {
        var identity = RefusedWork.identify(record.value(), WorkchainHeaders.text(record.headers(), WorkchainHeaders.CONTENT_TYPE));
        if (identity.isPresent() && !home.isInPlace(record.key(), source.topic(), source.partition(), identity.get().hash())) {
            output.refusedInPlace(identity.get().hash(), record, origin(source));
            return;
        }
        output.deadLetter(record.key(), record.value(), record.headers(), origin(source), refusal.getMessage(),
                refusal.field(), ChainMetrics.DeadLetterClass.MALFORMED);
        if (identity.isEmpty() || chains.get(identity.get().hash()) != null) {
            LOG.debugf("a refused work record names no chain to answer: %s", refusal.getMessage());
            return;
        }
        String hash = identity.get().hash();
        String reason = "the work message was refused: " + refusal.getMessage();
        List<Integer> orders = identity.get().orders();
        List<ResultItem> items = new ArrayList<>();
        if (orders.isEmpty() || orders.size() > limits.maxItems()) {
            items.add(new ResultItem(0, null, Response.failure("not run: " + reason, ChainFold.REFUSED_METADATA)));
        } else {
            for (int i = 0; i < orders.size(); i++) {
                items.add(new ResultItem(orders.get(i), i, Response.failure("not run: " + reason, ChainFold.REFUSED_METADATA)));
            }
        }
        output.completion(new CompletionMessage(hash, items, ChainStatus.FAILED, Reasons.bounded(reason)), record);
        LOG.infof("%s: chain FAILED (%s)", hash, Reasons.bounded(reason, 200));
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
                apply(hash, fired, result, null, TIMER_ORIGIN);
            } catch (RuntimeException e) {
                LOG.errorf(e, "the timer of chain %s failed; it is dropped", hash);
            }
        }
    }

    private void apply(String hash, ChainState before, FoldResult original, Record<String, byte[]> record, String origin) {
        boolean byTimer = TIMER_ORIGIN.equals(origin);
        FoldResult result = traced(before, original, byTimer);
        long previousTimer = before == null ? 0 : before.timerAt();
        count(before, result, byTimer);
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
            output.step(result.nextWork(), record, deadline, fold.settings().itemTimeout().toMillis());
        }
        if (result.completion() != null) {
            output.completion(result.completion(), record);
            LOG.infof("%s: chain %s", result.completion().hash(), result.completion().status());
        }
        for (Refusal refusal : result.refusals()) {
            if (refusal.early() != null || record == null) {
                ResultItem item = refusal.early();
                byte[] value = item == null ? null : MessageCodec.toJson(new NotificationMessage(hash, List.of(item)));
                output.deadLetter(hash, value, null, origin, refusal.reason(), "items", record == null
                        ? ChainMetrics.DeadLetterClass.EXPIRED : ChainMetrics.DeadLetterClass.REFUSED);
            } else {
                output.deadLetter(record.key(), record.value(), record.headers(), origin, refusal.reason(), "items",
                        ChainMetrics.DeadLetterClass.REFUSED);
            }
        }
    }

    /**
     * A record out of place (not keyed by its hash, as a hand-written kcat submission; or keyed by
     * it but placed by another partitioner than Java's, as librdkafka's CRC32) goes back to its
     * topic keyed by the hash, hash filled in: the sink puts it on its chain's partition, where
     * every record of the chain meets. Only that copy is acted on, here and by the ESB.
     */
    private void putInPlace(Record<String, byte[]> record, WorkchainMessage message, boolean isWork, String origin) {
        LOG.debugf("putting a %s record of %s in place", isWork ? "work" : "notification", message.hash());
        metrics.putInPlace(isWork);
        output.inPlace(isWork ? TopologyNames.WORK_SINK : TopologyNames.NOTIFICATION_SINK, message, record, origin);
    }

    /**
     * Notes which record answered each item (its traceparent) and, when the fold ends a step of
     * several items, links the fold's span to every item's answer: a fan-in is one span with links.
     */
    private FoldResult traced(ChainState before, FoldResult result, boolean byTimer) {
        if (result.state() == null) {
            return result;
        }
        ChainState state = result.state().withTimeline(result.state().timeline()
                .tracedAnswers(result.state().updatedAt(), recordTraceparent));
        if (stepEnded(before, result, byTimer) && before.dispatchedStep() >= 0) {
            List<Integer> items = before.work().indexesOfStep(before.dispatchedStep());
            if (items.size() > 1) {
                Span current = Span.current();
                for (int index : items) {
                    String traceparent = state.timeline().answerTraces().get(index);
                    if (traceparent != null) {
                        current.addLink(Span.fromContext(ChainTrace.parent(traceparent)).getSpanContext());
                    }
                }
            }
        }
        return new FoldResult(state, result.nextWork(), result.completion(), result.refusals(), result.remove());
    }

    /**
     * Whether this fold ended the step that was running: its answers led to the next step, or to a
     * completed chain (a timer only ever ends a chain by failing it).
     */
    private static boolean stepEnded(ChainState before, FoldResult result, boolean byTimer) {
        boolean completed = result.completion() != null && !byTimer && result.completion().status() == ChainStatus.COMPLETED;
        return before != null && before.work() != null && (result.nextWork() != null || completed);
    }

    /** What a fold's result means for the counts: a chain accepted, a step done, a chain ended (by a timer: timed out). */
    private void count(ChainState before, FoldResult result, boolean byTimer) {
        long now = context.currentSystemTimeMs();
        boolean hadWork = before != null && before.work() != null;
        if (!hadWork && result.state() != null && result.state().work() != null) {
            metrics.chainStarted();
        }
        CompletionMessage completion = result.completion();
        if (stepEnded(before, result, byTimer)) {
            metrics.stepDone(now - before.stepStartedAt());
        }
        if (completion != null) {
            ChainState chain = result.state() != null ? result.state() : before;
            metrics.chainEnded(completion.status(), byTimer, chain == null ? 0 : now - chain.createdAt());
        }
    }

    private <T extends WorkchainMessage> T decode(Record<String, byte[]> record, Class<T> type) {
        return MessageCodec.decode(record.value() == null ? new byte[0] : record.value(),
                WorkchainHeaders.text(record.headers(), WorkchainHeaders.CONTENT_TYPE), type, limits);
    }

    private static String origin(RecordMetadata source) {
        return DeadLetterHeaders.origin(source.topic(), source.partition(), source.offset());
    }
}
