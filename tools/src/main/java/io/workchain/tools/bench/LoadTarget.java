package io.workchain.tools.bench;

import io.workchain.common.Topics;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.WorkMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What the load driver talks to, the way an outside client would: the topic it writes, the topic
 * it reads the answers from, and a record for message {@code id} of {@code steps} steps, keyed by
 * what the answer will be keyed by.
 */
interface LoadTarget {

    String name();

    String inTopic();

    String outTopic();

    ProducerRecord<String, byte[]> record(String id, int steps);

    /** Whether an answer says the message failed (checked where the driver is asked to: overload, cold). */
    default boolean failed(ConsumerRecord<String, byte[]> answer) {
        return false;
    }

    /** Workchain: a chain of {@code steps} one-item steps, each a call to the demo service. */
    static LoadTarget workchain() {
        return new LoadTarget() {
            public String name() {
                return "workchain";
            }

            public String inTopic() {
                return Topics.WORK;
            }

            public String outTopic() {
                return Topics.COMPLETION;
            }

            public ProducerRecord<String, byte[]> record(String id, int steps) {
                WorkMessage.Builder builder = WorkMessage.builder();
                for (int step = 0; step < steps; step++) {
                    builder.item(step, Request.http("demo", "/api/text/upper", "POST", "{\"text\":\"" + id + "\"}"));
                }
                WorkMessage work = builder.build();
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(inTopic(), work.hash(),
                        MessageCodec.toJson(work));
                record.headers().add(WorkchainHeaders.contentType(WireFormat.JSON));
                return record;
            }

            @Override
            public boolean failed(ConsumerRecord<String, byte[]> answer) {
                try {
                    Header type = answer.headers().lastHeader(WorkchainHeaders.CONTENT_TYPE);
                    return !MessageCodec.decode(answer.value(),
                            type == null ? null : new String(type.value(), StandardCharsets.UTF_8),
                            CompletionMessage.class).succeeded();
                } catch (RuntimeException e) {
                    return true; // not a completion this driver can read
                }
            }
        };
    }

    /** The floor: the same hops and calls through {@link FloorRelay}, no Workchain logic. */
    static LoadTarget floor() {
        return floor("floor", FloorRelay.PLAIN);
    }

    /** The exactly-once floor: the same, its forwarding hop transactional and its readers read_committed. */
    static LoadTarget floorEos() {
        return floor("floor-eos", FloorRelay.EOS);
    }

    /**
     * What a user would build instead: the same chain as a Camel Quarkus route (module camel-route,
     * plain: auto-committed offsets, a plain producer), fed the floor's records.
     */
    static LoadTarget camel() {
        return relayed("camel", "camel.in", "camel.out");
    }

    /** The Camel route with camel-kafka's transactions (read_committed, a transacted producer). */
    static LoadTarget camelEos() {
        return relayed("camel-eos", "camel-eos.in", "camel-eos.out");
    }

    private static LoadTarget floor(String name, FloorRelay.FloorTopics topics) {
        return relayed(name, topics.in(), topics.out());
    }

    /** The floor's records (the text as the value, the step count in a header), keyed by message id. */
    private static LoadTarget relayed(String name, String in, String out) {
        return new LoadTarget() {
            public String name() {
                return name;
            }

            public String inTopic() {
                return in;
            }

            public String outTopic() {
                return out;
            }

            public ProducerRecord<String, byte[]> record(String id, int steps) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(inTopic(), id,
                        ("{\"text\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
                record.headers().add(FloorRelay.STEPS, ByteBuffer.allocate(4).putInt(steps).array());
                return record;
            }
        };
    }
}
