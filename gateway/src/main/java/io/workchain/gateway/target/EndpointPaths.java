package io.workchain.gateway.target;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What makes an endpoint a plain path below its base: no dot segments ({@code .}, {@code ..}) in
 * any position, whether written plainly or percent-encoded (once or several times: {@code %2e},
 * {@code %252e}), no backslashes, no control characters, no fragment. A target server that
 * normalises any of these could otherwise be led out of a route's base path.
 */
final class EndpointPaths {

    private static final int MAX_DECODING_ROUNDS = 5;

    private EndpointPaths() {}

    /** What is wrong with the endpoint, or empty when it is a plain path (with an optional query). */
    static Optional<String> problem(String endpoint) {
        for (int i = 0; i < endpoint.length(); i++) {
            char c = endpoint.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ' ') {
                return Optional.of("control character or space");
            }
        }
        if (endpoint.startsWith("//")) {
            return Optional.of("starts with '//' (a host, not a path)");
        }
        if (endpoint.indexOf('#') >= 0) {
            return Optional.of("fragment ('#')");
        }
        int query = endpoint.indexOf('?');
        String path = query >= 0 ? endpoint.substring(0, query) : endpoint;
        String decoded = path;
        for (int round = 0; round < MAX_DECODING_ROUNDS; round++) {
            if (hasDotSegment(decoded) || decoded.indexOf('\\') >= 0) {
                return Optional.of("dot segment or backslash");
            }
            String next = decode(decoded);
            if (next == null) {
                return Optional.of("malformed percent-encoding");
            }
            if (next.equals(decoded)) {
                return Optional.empty();
            }
            decoded = next;
        }
        return Optional.of("encoded too many times");
    }

    /** Whether {@code path} is {@code base} or below it, segment-wise (no dot segments assumed). */
    static boolean isUnder(String path, String base) {
        String p = path == null || path.isEmpty() ? "/" : path;
        String b = base == null || base.isEmpty() ? "/" : base;
        if (b.endsWith("/")) {
            return p.startsWith(b) || p.equals(b.substring(0, b.length() - 1));
        }
        return p.equals(b) || p.startsWith(b + "/");
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            String name = segment.contains(";") ? segment.substring(0, segment.indexOf(';')) : segment;
            if (name.equals(".") || name.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
