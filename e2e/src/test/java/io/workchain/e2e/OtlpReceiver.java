package io.workchain.e2e;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny OTLP/HTTP trace receiver: what a collector would get from the services
 * ({@code POST /v1/traces}, protobuf {@code ExportTraceServiceRequest}). The request is read with
 * protobuf's generic field reader by the field numbers of the OTLP .proto files (no generated
 * classes needed): resource spans (1) → scope spans (2) → spans (2): trace id (1), span id (2),
 * parent span id (4), name (5), attributes (9: key 1, value 2 → string 1 / int 3), links (13: span id 2).
 */
final class OtlpReceiver implements AutoCloseable {

    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            Map<String, String> attributes, List<String> linkedSpanIds) {}

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                read(body.readAllBytes());
            } catch (RuntimeException e) {
                // an unreadable export is not a span: the test finds what it waits for missing
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    private void read(byte[] request) throws InvalidProtocolBufferException {
        for (ByteString resourceSpans : fields(UnknownFieldSet.parseFrom(request), 1)) {
            UnknownFieldSet resource = UnknownFieldSet.parseFrom(resourceSpans);
            String service = "";
            for (ByteString res : fields(resource, 1)) {
                service = attributes(UnknownFieldSet.parseFrom(res), 1).getOrDefault("service.name", "");
            }
            for (ByteString scopeSpans : fields(resource, 2)) {
                for (ByteString spanBytes : fields(UnknownFieldSet.parseFrom(scopeSpans), 2)) {
                    UnknownFieldSet span = UnknownFieldSet.parseFrom(spanBytes);
                    List<String> links = new java.util.ArrayList<>();
                    for (ByteString link : fields(span, 13)) {
                        links.add(hex(UnknownFieldSet.parseFrom(link), 2));
                    }
                    spans.add(new ReceivedSpan(service, hex(span, 1), hex(span, 2), hex(span, 4),
                            text(span, 5), attributes(span, 9), links));
                }
            }
        }
    }

    private static List<ByteString> fields(UnknownFieldSet set, int number) {
        return set.hasField(number) ? set.getField(number).getLengthDelimitedList() : List.of();
    }

    private static String hex(UnknownFieldSet set, int number) {
        List<ByteString> values = fields(set, number);
        return values.isEmpty() ? "" : HexFormat.of().formatHex(values.get(0).toByteArray());
    }

    private static String text(UnknownFieldSet set, int number) {
        List<ByteString> values = fields(set, number);
        return values.isEmpty() ? "" : values.get(0).toStringUtf8();
    }

    private static Map<String, String> attributes(UnknownFieldSet set, int number)
            throws InvalidProtocolBufferException {
        Map<String, String> attributes = new HashMap<>();
        for (ByteString keyValue : fields(set, number)) {
            UnknownFieldSet pair = UnknownFieldSet.parseFrom(keyValue);
            List<ByteString> value = fields(pair, 2);
            if (value.isEmpty()) {
                continue;
            }
            UnknownFieldSet any = UnknownFieldSet.parseFrom(value.get(0));
            String text = any.hasField(1)
                    ? text(any, 1)
                    : any.hasField(3) ? Long.toString(any.getField(3).getVarintList().get(0)) : "";
            attributes.put(text(pair, 1), text);
        }
        return attributes;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
