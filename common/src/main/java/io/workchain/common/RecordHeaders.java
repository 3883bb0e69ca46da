package io.workchain.common;

/** Names of the Kafka record headers Workchain writes and reads. */
public final class RecordHeaders {

    /** Encoding of the value: application/json or application/x-protobuf. */
    public static final String CONTENT_TYPE = "content-type";

    /** On dead-letter records: why the record was refused, in words. */
    public static final String DLQ_REASON = "workchain-dlq-reason";
    /** On dead-letter records: the field at fault, when one is. */
    public static final String DLQ_FIELD = "workchain-dlq-field";
    /** On dead-letter records: where the record came from (topic-partition@offset). */
    public static final String DLQ_ORIGIN = "workchain-dlq-origin";
    /** On dead-letter records: the service that refused it. */
    public static final String DLQ_SERVICE = "workchain-dlq-service";

    private RecordHeaders() {
    }
}
