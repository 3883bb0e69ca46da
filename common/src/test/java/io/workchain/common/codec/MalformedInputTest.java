package io.workchain.common.codec;

import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.WorkMessage;
import io.workchain.proto.v1.Envelope;
import io.workchain.proto.v1.Request;
import io.workchain.proto.v1.WorkItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each malformed input gives an error that names the field and the problem, not a parser trace. */
class MalformedInputTest {

    private static final String REQ = "'request':{'url':'u','endpoint':'/e','type':'HTTP','method':'POST'}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            method missing        | {'work_message':{'items':[{'order':0,%s},{'order':1,'request':{'url':'u','endpoint':'/e','type':'HTTP'}}]}} | items[1].request.method | items[1].request.method is missing
            url missing           | {'work_message':{'items':[{'order':0,'request':{'endpoint':'/e','type':'HTTP','method':'GET'}}]}}       | items[0].request.url    | items[0].request.url is missing
            url blank             | {'work_message':{'items':[{'order':0,'request':{'url':'  ','endpoint':'/e','type':'HTTP','method':'GET'}}]}} | items[0].request.url | items[0].request.url is blank
            request missing       | {'work_message':{'items':[{'order':0}]}}                                                                  | items[0].request        | items[0].request is missing
            order missing         | {'work_message':{'items':[{%s}]}}                                                                          | items[0].order          | items[0].order is missing
            order is a string     | {'work_message':{'items':[{'order':'zero',%s}]}}                                                           | items[0].order          | items[0].order must be an integer, got string
            order is a fraction   | {'work_message':{'items':[{'order':1.5,%s}]}}                                                              | items[0].order          | items[0].order must be an integer, got number 1.5
            negative order        | {'work_message':{'items':[{'order':-1,%s}]}}                                                               | items[0].order          | items[0].order must be >= 0, got -1
            empty items           | {'work_message':{'items':[]}}                                                                             | items                   | items is empty: a chain needs at least one item
            items missing         | {'work_message':{'hash':'5d41402abc4b2a76b9719d911017c592'}}                                              | items                   | items is missing
            items not an array    | {'work_message':{'items':{'order':0}}}                                                                    | items                   | items must be an array, got object
            item not an object    | {'work_message':{'items':[42]}}                                                                           | items[0]                | items[0] must be an object, got integer 42
            unknown type          | {'work_message':{'items':[{'order':0,'request':{'url':'u','endpoint':'/e','type':'FTP','method':'GET'}}]}} | items[0].request.type | items[0].request.type must be one of [HTTP, HTTPS, AMQP, KAFKA], got 'FTP'
            unknown method        | {'work_message':{'items':[{'order':0,'request':{'url':'u','endpoint':'/e','type':'HTTP','method':'FETCH'}}]}} | items[0].request.method | items[0].request.method must be one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT for HTTP, got FETCH
            payload not a string  | {'work_message':{'items':[{'order':0,'request':{'url':'u','endpoint':'/e','type':'HTTP','method':'GET','payload':{'a':1}}}]}} | items[0].request.payload | items[0].request.payload must be a string, got object
            hash not an md5       | {'work_message':{'hash':'abc','items':[{'order':0,%s}]}}                                                   | hash                    | hash must be 32 lower-case hexadecimal characters (an MD5), got 'abc'
            hash a number         | {'work_message':{'hash':12,'items':[{'order':0,%s}]}}                                                      | hash                    | hash must be a string, got integer 12
            run_id empty          | {'work_message':{'run_id':'','items':[{'order':0,%s}]}}                                                    | run_id                  | run_id is empty: leave it out to run the chain under its usual hash
            run_id with a blank   | {'work_message':{'run_id':'run 2','items':[{'order':0,%s}]}}                                               | run_id                  | run_id must hold only letters, digits and . _ : - (at most 128), got 'run 2'
            run_id with a slash   | {'work_message':{'run_id':'../x','items':[{'order':0,%s}]}}                                                | run_id                  | run_id must hold only letters, digits and . _ : - (at most 128), got '../x'
            run_id a number       | {'work_message':{'run_id':2,'items':[{'order':0,%s}]}}                                                     | run_id                  | run_id must be a string, got integer 2
            notification no hash  | {'notification_message':{'items':[{'order':0,'response':{'ok':true}}]}}                                    | hash                    | hash is missing
            response not boolean  | {'notification_message':{'hash':'5d41402abc4b2a76b9719d911017c592','items':[{'order':0,'response':{'ok':'yes'}}]}} | items[0].response.ok | items[0].response.ok must be true or false, got string
            response missing      | {'completion_message':{'hash':'5d41402abc4b2a76b9719d911017c592','items':[{'order':0}]}}                   | items[0].response       | items[0].response is missing
            attempt zero          | {'completion_message':{'hash':'5d41402abc4b2a76b9719d911017c592','items':[{'order':0,'response':{'ok':true}}],'attempt':0}} | attempt | attempt must be >= 1 (1 is a chain's first run), got 0
            attempt a string      | {'completion_message':{'hash':'5d41402abc4b2a76b9719d911017c592','items':[{'order':0,'response':{'ok':true}}],'attempt':'2'}} | attempt | attempt must be an integer, got string
            negative index        | {'notification_message':{'hash':'5d41402abc4b2a76b9719d911017c592','items':[{'order':0,'index':-2,'response':{'ok':true}}]}} | items[0].index | items[0].index must be >= 0, got -2
            no known wrapper      | {'job':{}}                                                                                                | ''                      | must hold one of work_message, notification_message, completion_message; found [job]
            wrapper not an object | {'work_message':[1]}                                                                                      | work_message            | work_message must be an object, got array
            """)
    void errorNamesTheField(String name, String json, String field, String message) {
        byte[] bytes = json.replace("%s", REQ).replace('\'', '"').getBytes(StandardCharsets.UTF_8);

        MalformedMessageException error = assertThrows(MalformedMessageException.class,
                () -> MessageCodec.decode(bytes, null));

        assertEquals(field, error.field());
        assertEquals(message, error.getMessage());
    }

    @Test
    void notJsonAtAll() {
        MalformedMessageException error = assertThrows(MalformedMessageException.class,
                () -> MessageCodec.decode("hello world".getBytes(StandardCharsets.UTF_8), null));
        assertEquals("is neither JSON nor protobuf: starts with bytes 68 65 6c 6c 6f 20 77 6f", error.getMessage());
    }

    @Test
    void brokenJsonSaysWhere() {
        MalformedMessageException error = assertThrows(MalformedMessageException.class,
                () -> MessageCodec.decode("{\"work_message\": {\"items\": [}".getBytes(StandardCharsets.UTF_8), null));
        assertTrue(error.getMessage().startsWith("is not valid JSON: "), error.getMessage());
        assertTrue(error.getMessage().contains("(line 1, column "), error.getMessage());
    }

    @Test
    void brokenProtobufIsNamed() {
        MalformedMessageException error = assertThrows(MalformedMessageException.class,
                () -> MessageCodec.decode(new byte[]{0x12, 0x7f, 0x01}, WireFormat.PROTOBUF.contentType()));
        assertTrue(error.getMessage().startsWith("is not valid protobuf (workchain.v1.Envelope)"), error.getMessage());
    }

    @Test
    void protobufWithMissingFieldNamesIt() {
        var proto = Envelope.newBuilder().setWorkMessage(
                io.workchain.proto.v1.WorkMessage.newBuilder().addItems(WorkItem.newBuilder()
                        .setRequest(Request.newBuilder().setUrl("u").setType("HTTP").setMethod(""))))
                .build().toByteArray();
        MalformedMessageException error = assertThrows(MalformedMessageException.class,
                () -> MessageCodec.decode(proto, null));
        assertEquals("items[0].request.method is missing", error.getMessage());
    }

    @Test
    void runIdOverItsLimitSaysSo() {
        String json = "{\"work_message\":{\"run_id\":\"" + "r".repeat(129) + "\",\"items\":[{\"order\":0,"
                + REQ.replace('\'', '"') + "}]}}";
        MalformedMessageException error = assertThrows(MalformedMessageException.class,
                () -> MessageCodec.decode(json.getBytes(StandardCharsets.UTF_8), null));
        assertEquals("run_id", error.field());
        assertEquals("run_id has 129 characters, over the limit of 128", error.getMessage());
        String longest = json.replace("r".repeat(129), "r".repeat(128));
        assertEquals("r".repeat(128),
                MessageCodec.decode(longest.getBytes(StandardCharsets.UTF_8), null, WorkMessage.class).runId());
    }

    @Test
    void protobufRunIdIsValidatedAsTheJsonOneIs() {
        // proto3 optional: an empty run_id is present, not absent, and refused as in JSON. (The
        // protobuf WorkMessage is named in full: the Java one is imported.)
        var proto = Envelope.newBuilder().setWorkMessage(
                io.workchain.proto.v1.WorkMessage.newBuilder().setRunId("").addItems(WorkItem.newBuilder()
                        .setRequest(
                                Request.newBuilder().setUrl("u").setEndpoint("/").setType("HTTP").setMethod("GET"))))
                .build().toByteArray();
        MalformedMessageException error = assertThrows(MalformedMessageException.class,
                () -> MessageCodec.decode(proto, null));
        assertEquals("run_id", error.field());
    }

    @Test
    void wrongKindIsNamed() {
        byte[] notification = ("{\"notification_message\":{\"hash\":\"5d41402abc4b2a76b9719d911017c592\","
                + "\"items\":[{\"order\":0,\"response\":{\"ok\":true}}]}}").getBytes(StandardCharsets.UTF_8);
        MalformedMessageException error = assertThrows(MalformedMessageException.class,
                () -> MessageCodec.decode(notification, null, WorkMessage.class));
        assertEquals("is a notification_message, expected a work_message", error.getMessage());
    }
}
