package io.workchain.tools.bench;

import io.workchain.testing.EmbeddedKafkaBroker;
import io.workchain.testing.ServiceProcess;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Why the local broker sets {@code add.partitions.to.txn.retry.backoff.ms=1}: one transactional
 * producer commits back to back (as the notifier does under load: its commit interval is always
 * due), one record per transaction, on a broker with Kafka's default backoff (20 ms) and on one
 * with 1 ms. Under transaction version 2 the first write of a transaction that follows a commit
 * at once often finds the previous transaction's markers not yet written; the broker then retries
 * adding the partition after its backoff, and the write waits that long. Prints the first write's
 * latency (send to acknowledgement) and the commit's, p50/p90/p99.
 *
 * <pre>java -cp tools/target/classes:$(cat .workchain/tools.classpath) io.workchain.tools.bench.TransactionBackoffProbe</pre>
 */
public final class TransactionBackoffProbe {

    private static final int TRANSACTIONS = 1000;

    private TransactionBackoffProbe() {}

    public static void main(String[] args) throws Exception {
        for (String backoff : List.of("20", "1", "20", "1")) {
            Path data = Files.createTempDirectory("workchain-txn-probe-");
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(ServiceProcess.freePort(),
                    ServiceProcess.freePort(), data,
                    Map.of(EmbeddedKafkaBroker.ADD_PARTITIONS_BACKOFF, backoff))) {
                broker.createTopics(List.of("probe"), 3);
                probe(broker.bootstrapServers(), backoff);
            }
        }
    }

    private static void probe(String bootstrap, String backoff) throws Exception {
        Histogram firstWrite = new Histogram(3);
        Histogram commit = new Histogram(3);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.TRANSACTIONAL_ID_CONFIG, "probe",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            for (int i = 0; i < TRANSACTIONS * 2; i++) { // the first half warms up
                producer.beginTransaction();
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>("probe", UUID.randomUUID().toString(), "v")).get();
                long written = System.nanoTime();
                producer.commitTransaction();
                long committed = System.nanoTime();
                if (i >= TRANSACTIONS) {
                    firstWrite.recordValue(TimeUnit.NANOSECONDS.toMicros(written - start));
                    commit.recordValue(TimeUnit.NANOSECONDS.toMicros(committed - written));
                }
            }
        }
        System.out.printf(Locale.ROOT,
                "%s=%2s ms: first write of a transaction p50 %5.1f p90 %5.1f p99 %5.1f ms; commit p50 %4.1f p90 %4.1f p99 %4.1f ms%n",
                EmbeddedKafkaBroker.ADD_PARTITIONS_BACKOFF, backoff, ms(firstWrite, 50), ms(firstWrite, 90),
                ms(firstWrite, 99),
                ms(commit, 50), ms(commit, 90), ms(commit, 99));
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
