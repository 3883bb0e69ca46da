package io.workchain.notifier.stream;

import io.workchain.common.DeadLetterHeaders;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.cloudevents.CloudEventHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.common.limits.Reasons;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.message.WorkchainMessage;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jboss.logging.Logger;

/**
 * What the fold writes, each record made one way: next steps (stamped with the chain's deadline),
 * cancel markers for the ESB, completions (CloudEvents whose subject is the hash), records put in
 * place (keyed by their hash, the same event), and dead letters (reason, field, origin). A record
 * written because of another takes the cause's headers, less what describes the cause's value,
 * trust or event, and the fold's own traceparent, so the chain stays one trace.
 */
final class FoldOutput {

    private static final Logger LOG = Logger.getLogger(FoldOutput.class);
    /** The notifier's CloudEvents source. */
    static final String CE_SOURCE = "/workchain/notifier";

    private final ProcessorContext<String, byte[]> context;
    /** What next steps, completions and copies are written in ({@code workchain.wire-format}). */
    private final WireFormat format;
    private final ChainMetrics metrics;
    /** The largest record value written: a copy that would be larger is kept as a dead letter instead. */
    private final int maxRecordBytes;

    FoldOutput(ProcessorContext<String, byte[]> context, WireFormat format, ChainMetrics metrics, int maxRecordBytes) {
        this.context = context;
        this.maxRecordBytes = maxRecordBytes;
        this.format = format;
        this.metrics = metrics;
    }

    /**
     * The next step, on the steps topic (trusted by the ESB), stamped with the chain's deadline and
     * the default item timeout: the ESB holds an item no longer than the notifier waits for it.
     */
    void step(WorkMessage next, FoldTrigger cause, long deadline, long itemTimeoutMs) {
        Headers headers = headersFrom(cause);
        headers.add(WorkchainHeaders.text(WorkchainHeaders.DEADLINE, Long.toString(deadline)));
        headers.add(WorkchainHeaders.text(WorkchainHeaders.ITEM_TIMEOUT, Long.toString(itemTimeoutMs)));
        context.forward(new Record<>(next.hash(), MessageCodec.encode(next, format), timestamp(cause), headers),
                TopologyNames.STEPS_SINK);
        LOG.debugf("%s: next step %d", next.hash(), next.nextStep().orElse(-1));
    }

    /**
     * Tells the ESB that holds a cancelled chain's work to drop it: a record on the steps topic keyed
     * by the hash (so on the partition of the chain's steps, read after them by the same ESB), with
     * no work message, the cancelled attempt in its {@code workchain-cancelled} header.
     */
    void cancelMarker(String hash, int attempt, FoldTrigger cause) {
        Headers headers = new RecordHeaders();
        if (cause.foldTraceparent() != null) {
            headers.add(WorkchainHeaders.text(CallHeaders.TRACEPARENT, cause.foldTraceparent()));
        }
        headers.add(WorkchainHeaders.text(WorkchainHeaders.CANCELLED, Integer.toString(attempt)));
        context.forward(new Record<>(hash, new byte[0], timestamp(cause), headers), TopologyNames.STEPS_SINK);
    }

    /** The completion, a CloudEvent (binary mode) whose subject is the chain's hash. */
    void completion(CompletionMessage completion, FoldTrigger cause) {
        Headers headers = headersFrom(cause);
        long now = context.currentSystemTimeMs();
        CloudEventHeaders.replace(headers, CloudEventHeaders.of(CloudEventHeaders.COMPLETION_TYPE, CE_SOURCE,
                CloudEventHeaders.completionId(completion.hash(), now), completion.hash(), now));
        context.forward(
                new Record<>(completion.hash(), MessageCodec.encode(completion, format), timestamp(cause), headers),
                TopologyNames.COMPLETION_SINK);
    }

    /**
     * A record again, keyed by its hash, in the topics' format: the same event, so it keeps the
     * cause's CloudEvents attributes (a consumer that drops duplicates by id sees one event). The
     * fold's size check measures JSON, and protobuf is never larger (common's ProtobufSizeTest).
     */
    void inPlace(String sink, WorkchainMessage message, FoldTrigger trigger) {
        Record<String, byte[]> cause = trigger.record();
        byte[] value = MessageCodec.encode(message, format);
        if (value.length > maxRecordBytes) {
            // Written again it would be larger than a record (JSON escaping protobuf's bytes, say): the
            // producer would skip it, so it is kept here, with why.
            deadLetter(cause.key(), cause.value(), cause.headers(), trigger.origin(),
                    "too large to put in place: " + value.length
                            + " bytes in " + format + ", over workchain.notifier.limits.max-record-bytes ("
                            + maxRecordBytes
                            + "); write it keyed by its hash, on its chain's partition",
                    null, ChainMetrics.DeadLetterClass.REFUSED);
            return;
        }
        Headers headers = headersFrom(trigger);
        for (Header header : cause.headers()) {
            if (CloudEventHeaders.isAttribute(header.key())) {
                headers.add(header);
            }
        }
        context.forward(new Record<>(message.hash(), value, timestamp(trigger), headers), sink);
    }

    /**
     * A refused work record, as it is, keyed by the hash it names: decided where that chain lives.
     * It names where the client's record was ({@code workchain-placed-from}).
     */
    void refusedInPlace(String hash, FoldTrigger trigger) {
        Record<String, byte[]> record = trigger.record();
        String origin = trigger.origin();
        if (record.value() != null && record.value().length > maxRecordBytes) {
            deadLetter(record.key(), record.value(), record.headers(), origin,
                    "refused, and too large to put in place ("
                            + record.value().length + " bytes, over workchain.notifier.limits.max-record-bytes)",
                    null,
                    ChainMetrics.DeadLetterClass.REFUSED);
            return;
        }
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.remove(WorkchainHeaders.PLACED_FROM);
        headers.add(WorkchainHeaders.text(WorkchainHeaders.PLACED_FROM, origin));
        context.forward(new Record<>(hash, record.value(), record.timestamp(), headers), TopologyNames.WORK_SINK);
    }

    void deadLetter(String key, byte[] value, Headers original, String origin, String reason, String field,
            ChainMetrics.DeadLetterClass reasonClass) {
        metrics.deadLettered(reasonClass);
        LOG.warnf("refused a record at %s: %s", origin, Reasons.bounded(reason, 300));
        DeadLetterHeaders.DeadLetter letter = DeadLetterHeaders.deadLetter(key, value, original, reason, field, origin,
                ChainFoldProcessor.SERVICE);
        context.forward(new Record<>(letter.key(), letter.value(), context.currentSystemTimeMs(),
                new RecordHeaders(letter.headers())), TopologyNames.DEAD_LETTER_SINK);
    }

    private Headers headersFrom(FoldTrigger trigger) {
        Headers headers = new RecordHeaders();
        Record<String, byte[]> cause = trigger.record();
        if (cause != null) {
            for (Header header : cause.headers()) {
                if (!header.key().equals(WorkchainHeaders.CONTENT_TYPE)
                        && !header.key().equals(WorkchainHeaders.DEADLINE)
                        && !header.key().equals(WorkchainHeaders.ITEM_TIMEOUT)
                        && !header.key().equals(CallHeaders.TRACEPARENT)
                        && !CloudEventHeaders.isAttribute(header.key())) {
                    headers.add(header);
                }
            }
        }
        if (trigger.foldTraceparent() != null) {
            headers.add(WorkchainHeaders.text(CallHeaders.TRACEPARENT, trigger.foldTraceparent()));
        }
        headers.add(WorkchainHeaders.contentType(format));
        return headers;
    }

    private long timestamp(FoldTrigger trigger) {
        return trigger.byTimer() ? context.currentSystemTimeMs() : trigger.record().timestamp();
    }
}
