package io.workchain.cli;

import io.workchain.common.DeadLetterHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.MalformedMessageException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code workchain watch}: prints completion messages as they are committed, one JSON line each
 * (for {@code jq} and friends). Reads with {@code read_committed} and no consumer group, so it
 * never moves anyone's offsets.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, description = {
        "Prints completion messages as chains end, one JSON line each, until Ctrl-C, --count or --timeout.",
        "Records on the completion topic that are not completion messages are reported on standard error and skipped."})
final class WatchCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(200);

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--hash", paramLabel = "HASH", description = "only this chain (repeatable)")
    List<String> hashes = List.of();

    @Option(names = "--count", paramLabel = "N", description = "stop after N completions")
    Integer count;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, description = "stop after this long: 90s, 2m, 1h or PT2M (exit 3 if --count was not reached)")
    Duration timeout;

    @Option(names = "--from-beginning", description = "also print the completions already on the topic")
    boolean fromBeginning;

    @Override
    public Integer call() throws IOException {
        if (count != null && count < 1) {
            spec.commandLine().getErr().println("--count must be at least 1");
            return ExitCodes.BAD_INPUT;
        }
        Set<String> wanted = new HashSet<>();
        hashes.forEach(hash -> wanted.add(hash.toLowerCase(Locale.ROOT)));
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        int printed = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            if (!subscribe(consumer)) {
                return ExitCodes.UNREACHABLE;
            }
            while (count == null || printed < count) {
                if (System.nanoTime() - deadline >= 0) {
                    return count == null ? ExitCodes.COMPLETED : ExitCodes.NOT_FOUND;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if ((wanted.isEmpty() || wanted.contains(record.key())) && print(record)) {
                        printed++;
                        if (count != null && printed >= count) {
                            break;
                        }
                    }
                }
            }
        }
        return ExitCodes.COMPLETED;
    }

    /** Takes every partition of the completion topic, from its end or its beginning; false when the topic cannot be seen. */
    private boolean subscribe(KafkaConsumer<String, byte[]> consumer) {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(kafka.completionTopic, Duration.ofSeconds(30))
                    .stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            if (partitions.isEmpty()) {
                spec.commandLine().getErr()
                        .println("No topic " + kafka.completionTopic + " on " + kafka.bootstrapServers);
                return false;
            }
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
            }
            return true;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            spec.commandLine().getErr()
                    .println("Cannot reach Kafka at " + kafka.bootstrapServers + ": " + e.getMessage());
            return false;
        }
    }

    private boolean print(ConsumerRecord<String, byte[]> record) {
        try {
            CompletionMessage completion = MessageCodec.decode(record.value(), null, CompletionMessage.class);
            PrintWriter out = spec.commandLine().getOut();
            out.println(Json.line(completion));
            out.flush();
            return true;
        } catch (MalformedMessageException e) {
            spec.commandLine().getErr().println("Skipped the record at "
                    + DeadLetterHeaders.origin(record.topic(), record.partition(), record.offset()) + ": "
                    + e.getMessage());
            return false;
        }
    }

    private Properties consumerProperties() throws IOException {
        Properties properties = kafka.clientProperties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }
}
