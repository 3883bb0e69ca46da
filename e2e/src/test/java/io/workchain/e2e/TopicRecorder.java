package io.workchain.e2e;

import io.workchain.testing.KafkaTestClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reads a topic from its beginning in the background and keeps every record, for assertions. */
final class TopicRecorder implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    TopicRecorder(String bootstrapServers, String topic) {
        consumer = KafkaTestClients.consumer(bootstrapServers, topic);
        thread = new Thread(this::run, "e2e-recorder-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closed) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    List<ConsumerRecord<String, byte[]>> byKey(String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }

    List<ConsumerRecord<String, byte[]>> all() {
        return List.copyOf(records);
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
    }
}
