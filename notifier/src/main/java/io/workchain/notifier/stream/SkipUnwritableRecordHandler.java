package io.workchain.notifier.stream;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * The last line behind the notifier's limits: a record the producer can never write (too large)
 * is logged and skipped instead of failing the stream thread, which would fail again on the same
 * record after every restart and stop every chain of its partitions. Transient errors are retried
 * (Kafka's default); anything else fails the task, which exactly-once processing then re-runs.
 * Kafka Streams creates it by class name, hence the reflection registration (native images).
 */
@RegisterForReflection
public class SkipUnwritableRecordHandler implements ProductionExceptionHandler {

    private static final Logger LOG = Logger.getLogger(SkipUnwritableRecordHandler.class);

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        if (exception instanceof RetriableException) {
            return ProductionExceptionHandlerResponse.RETRY;
        }
        if (exception instanceof RecordTooLargeException) {
            LOG.errorf("skipped a record to %s that cannot be written (%d bytes): %s", record.topic(),
                    record.value() == null ? 0 : record.value().length, exception.getMessage());
            return ProductionExceptionHandlerResponse.CONTINUE;
        }
        return ProductionExceptionHandlerResponse.FAIL;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }
}
