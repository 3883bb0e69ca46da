package io.workchain.camel;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.support.SynchronizationAdapter;

import java.nio.ByteBuffer;

/**
 * The chain a user would write with Camel instead of Workchain: consume a work record, call the
 * demo service's {@code POST /api/text/upper} once per step (the record's {@link #STEPS} header, a
 * 4-byte int as the benchmark's floor writes it; one step without it), each call's answer the next
 * call's body, and produce the last answer keyed by the record's key. Two variants, each switched
 * on by configuration so that one process serves either or both:
 * <ul>
 *   <li>{@code camel-plain} ({@value #PLAIN_IN} to {@value #PLAIN_OUT}): the defaults a user
 *       starts from: auto-committed offsets, a plain producer;</li>
 *   <li>{@code camel-eos} ({@value #EOS_IN} to {@value #EOS_OUT}): read_committed, Camel's own
 *       Kafka transactions on the producer ({@code transacted=true}: the answer is written in a
 *       transaction that commits when the exchange completes), and the consumed offset committed
 *       synchronously (a manual commit) only after that transaction committed.</li>
 * </ul>
 * What camel-kafka (Camel 4.17) cannot do: put the consumed offsets into the producer's
 * transaction (it never calls {@code sendOffsetsToTransaction}). So the eos route's answer and its
 * offset commit are two steps: a crash between them reads the record again and writes a second,
 * committed answer. Atomic, never-uncommitted writes and at-least-once reads, not exactly-once.
 */
@ApplicationScoped
public class ChainRoutes extends RouteBuilder {

    public static final String PLAIN_IN = "camel.in";
    public static final String PLAIN_OUT = "camel.out";
    public static final String EOS_IN = "camel-eos.in";
    public static final String EOS_OUT = "camel-eos.out";
    /** The step count header of the benchmark's records (the floor's name for it). */
    public static final String STEPS = "floor-steps";

    private static final String STEP_COUNT = "camelStepCount";
    private static final String RECORD_KEY = "camelRecordKey";
    /** The demo service's endpoint; camel-http keeps a pool of connections to it. */
    private static final String DEMO_CALL = "{{workchain.camel.demo-url}}/api/text/upper?httpMethod=POST";

    @Override
    public void configure() {
        // Consumers: from the end of a topic new to their group (as the benchmark's floor relays
        // read; the tests read from the start); String keys, byte[] values as the load driver writes.
        String consumer = "?keyDeserializer=org.apache.kafka.common.serialization.StringDeserializer"
                + "&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer"
                + "&autoOffsetReset={{workchain.camel.offset-reset}}";
        // Producers: acks=all like every Workchain and floor producer; synchronous, so that the whole
        // exchange (calls, send, transaction commit, offset commit) runs on the consumer's thread:
        // a KafkaConsumer may only be used from one thread, and the camel-kafka consumer waits for
        // each exchange anyway before it takes the next record.
        String producer = "?keySerializer=org.apache.kafka.common.serialization.StringSerializer"
                + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer"
                + "&requestRequiredAcks=all&synchronous=true";

        // Plain: one consumer thread per partition (each waits for its record's calls and send).
        from("kafka:" + PLAIN_IN + consumer + "&groupId=workchain-camel"
                + "&consumersCount={{workchain.camel.plain.consumers}}")
                .routeId("camel-plain").autoStartup("{{workchain.camel.plain.enabled}}")
                .process(ChainRoutes::readRecord)
                .loop(exchangeProperty(STEP_COUNT))
                .to("direct:call-demo")
                .end()
                .process(ChainRoutes::keyAnswer)
                .to("kafka:" + PLAIN_OUT + producer);

        // Exactly-once as far as camel-kafka goes: one consumer thread (the transactional producer
        // of an endpoint is one KafkaProducer, and Kafka allows one transaction at a time on it);
        // offsets committed by hand after the transaction (see commitAfterTransaction);
        // breakOnFirstError: a failed exchange (its transaction aborted) is read again from its
        // offset, as the exactly-once floor reads an aborted batch again.
        from("kafka:" + EOS_IN + consumer + "&groupId=workchain-camel-eos&isolationLevel=read_committed"
                + "&autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true"
                + "&kafkaManualCommitFactory=#class:"
                + "org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory")
                .routeId("camel-eos").autoStartup("{{workchain.camel.eos.enabled}}")
                .process(ChainRoutes::commitAfterTransaction)
                .process(ChainRoutes::readRecord)
                .loop(exchangeProperty(STEP_COUNT))
                .to("direct:call-demo")
                .end()
                .process(ChainRoutes::keyAnswer)
                .to("kafka:" + EOS_OUT + producer + "&transacted=true");

        // One step: POST the body (the record's value, then each answer) to the demo service. Only
        // the request's own headers go out: the Kafka record's headers and the previous answer's
        // HTTP headers stay behind. A non-2xx answer fails the exchange (camel-http's default).
        from("direct:call-demo").routeId("call-demo")
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .to(DEMO_CALL)
                .convertBodyTo(byte[].class);
    }

    /** The record's key and step count, kept as exchange properties: the calls drop every header. */
    static void readRecord(Exchange exchange) {
        byte[] steps = exchange.getMessage().getHeader(STEPS, byte[].class);
        exchange.setProperty(STEP_COUNT, steps == null || steps.length != 4 ? 1 : ByteBuffer.wrap(steps).getInt());
        exchange.setProperty(RECORD_KEY, exchange.getMessage().getHeader(KafkaConstants.KEY, String.class));
    }

    /** The answer keyed by the record's key, and no other header (nothing of the calls leaks into the record). */
    static void keyAnswer(Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(KafkaConstants.KEY, exchange.getProperty(RECORD_KEY, String.class));
    }

    /**
     * Commits the consumed record's offset once the exchange is done and its Kafka transaction
     * committed: camel-kafka commits the transaction in a synchronization of the exchange
     * (order 0), so this one runs after it ({@link Ordered#LOWEST}); a failed exchange (its
     * transaction aborted) commits nothing.
     */
    static void commitAfterTransaction(Exchange exchange) {
        KafkaManualCommit commit = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT,
                KafkaManualCommit.class);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange done) {
                if (commit != null && done.getException() == null) {
                    commit.commit();
                }
            }

            @Override
            public int getOrder() {
                return Ordered.LOWEST;
            }
        });
    }
}
