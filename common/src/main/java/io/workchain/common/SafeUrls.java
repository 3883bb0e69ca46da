package io.workchain.common;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** URLs as they may appear in logs and reasons: no user info, no query (either may hold secrets). */
public final class SafeUrls {

    /**
     * scheme://user:password@ inside any text: JSON included, where the separators may be escaped
     * ({@code amqp:\/\/}, {@code \u002f}, {@code \u003a}, {@code \u0040}: the same URL once the
     * JSON is read); the user info runs to the authority's last '@' (a password may hold one) and
     * never past a quote, a blank or a slash, escaped or not.
     */
    private static final Pattern USER_INFO = Pattern.compile(
            "([a-zA-Z][a-zA-Z0-9+.-]*(?::|\\\\u003[aA])(?:\\\\?/|\\\\u002[fF]){2})(?:(?!\\\\u002[fF])[^/\\s\"])*(?:@|\\\\u0040)");
    /** A structured CloudEvent's base64 data: credentials inside it are masked too. */
    private static final Pattern DATA_BASE64 = Pattern.compile("(\"data_base64\"\\s*:\\s*\")([A-Za-z0-9+/=]*)\"");

    private SafeUrls() {}

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
        // No '@' (nor its JSON escape), no user info: most texts are returned without running the pattern.
        if (text == null || (text.indexOf('@') < 0 && !text.contains("u0040"))) {
            return text;
        }
        return USER_INFO.matcher(text).replaceAll("$1***@");
    }

    /**
     * A record's bytes with the user info of every URL in them masked, the rest byte for byte (read
     * as ISO-8859-1, so no byte is lost whatever the encoding). The same bytes when nothing is masked.
     */
    public static byte[] maskCredentials(byte[] value) {
        if (value == null) {
            return null;
        }
        String text = new String(value, StandardCharsets.ISO_8859_1);
        String masked = maskBase64Data(redactText(text));
        return masked.equals(text) ? value : masked.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The {@code data_base64} of a structured CloudEvent, decoded, masked and encoded again when it held credentials. */
    private static String maskBase64Data(String text) {
        if (!text.contains("data_base64")) {
            return text;
        }
        Matcher data = DATA_BASE64.matcher(text);
        StringBuilder out = new StringBuilder();
        while (data.find()) {
            String replacement = data.group();
            try {
                byte[] decoded = Base64.getDecoder().decode(data.group(2));
                byte[] masked = maskCredentials(decoded);
                if (masked != decoded) {
                    replacement = data.group(1) + Base64.getEncoder().encodeToString(masked) + "\"";
                }
            } catch (IllegalArgumentException e) {
                // not base64 after all: left as it is (nothing readable to mask)
            }
            data.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        data.appendTail(out);
        return out.toString();
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
