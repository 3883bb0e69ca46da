package io.workchain.common.codec;

import java.util.Locale;
import java.util.Optional;

/** The two encodings of every message, named on a record by its {@value #HEADER} header. */
public enum WireFormat {
    JSON("application/json"), PROTOBUF("application/x-protobuf");

    /** The Kafka record header that names the encoding. */
    public static final String HEADER = "content-type";

    /**
     * The setting that chooses the format the services write on the topics (JSON by default;
     * readers take both, by the header above): the ESB's notifications, the notifier's next
     * steps and completions.
     */
    public static final String CONFIG_KEY = "workchain.wire-format";

    private final String contentType;

    WireFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** The format a content type names (parameters ignored), or empty when it names neither. */
    public static Optional<WireFormat> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/json", "text/json" -> Optional.of(JSON);
            case "application/x-protobuf", "application/protobuf", "application/vnd.google.protobuf" ->
                Optional.of(PROTOBUF);
            default -> Optional.empty();
        };
    }

    /**
     * Guesses the format from the first bytes: JSON starts (after whitespace or a BOM) with '{';
     * a protobuf Envelope starts with the tag of field 1, 2 or 3 (0x0a, 0x12, 0x1a).
     */
    public static Optional<WireFormat> sniff(byte[] bytes) {
        int i = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            i = 3;
        }
        while (i < bytes.length && Character.isWhitespace(bytes[i]) && bytes[i] != 0x0a) {
            i++;
        }
        if (i >= bytes.length) {
            return Optional.empty();
        }
        int first = bytes[i] & 0xff;
        if (first == '{' || first == '\n' || first == '[') {
            // '\n' is both whitespace and field 1's tag: JSON when a '{' follows the blanks
            return first == '\n' ? sniffAfterNewline(bytes, i) : Optional.of(JSON);
        }
        if (first == 0x12 || first == 0x1a) {
            return Optional.of(PROTOBUF);
        }
        return Optional.empty();
    }

    private static Optional<WireFormat> sniffAfterNewline(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (!Character.isWhitespace(bytes[i])) {
                return bytes[i] == '{' ? Optional.of(JSON) : Optional.of(PROTOBUF);
            }
        }
        return Optional.empty();
    }
}
