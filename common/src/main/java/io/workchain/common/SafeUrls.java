package io.workchain.common;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** URLs as they may appear in logs and reasons: no user info, no query (either may hold secrets). */
public final class SafeUrls {

    /**
     * scheme://user:password@ inside any text: JSON included, where slashes may be escaped
     * ({@code amqp:\/\/}); the user info runs to the authority's last '@' (a password may hold one)
     * and never past a quote, a blank or a slash.
     */
    private static final Pattern USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*:(?:\\\\?/){2})[^/\\s\"]*@");

    private SafeUrls() {
    }

    public static String redact(URI uri) {
        StringBuilder out = new StringBuilder();
        if (uri.getScheme() != null) {
            out.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            out.append(uri.getHost());
        }
        if (uri.getPort() >= 0) {
            out.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            out.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            out.append("?...");
        }
        return out.toString();
    }

    /** Any text (an exception's message, say) with the user info of the URLs in it masked. */
    public static String redactText(String text) {
        // No '@', no user info: most texts are returned without running the pattern.
        return text == null || text.indexOf('@') < 0 ? text : USER_INFO.matcher(text).replaceAll("$1***@");
    }

    /**
     * A record's bytes with the user info of every URL in them masked, the rest byte for byte (read
     * as ISO-8859-1, so no byte is lost whatever the encoding). The same bytes when nothing is masked.
     */
    public static byte[] maskCredentials(byte[] value) {
        if (value == null || !contains(value, (byte) '@')) {
            return value;
        }
        String text = new String(value, StandardCharsets.ISO_8859_1);
        String masked = redactText(text);
        return masked.equals(text) ? value : masked.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean contains(byte[] value, byte wanted) {
        for (byte b : value) {
            if (b == wanted) {
                return true;
            }
        }
        return false;
    }

    /** A failure as a reason may show it: its type, and its message with URL user info masked. */
    public static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : " (" + redactText(message) + ")");
    }

    /** Best effort for text that may not even parse as a URL. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        try {
            return redact(URI.create(url));
        } catch (IllegalArgumentException e) {
            String noQuery = url.split("\\?", 2)[0];
            int at = noQuery.lastIndexOf('@');
            return at >= 0 ? "..." + noQuery.substring(at) : noQuery;
        }
    }
}
