package io.workchain.common.callback;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signs and verifies callback tokens (HMAC-SHA256 with the key shared by the gateway and the
 * notifier, {@code workchain.callback.key}): {@code wc1.<payload>.<signature>}, both parts
 * base64url without padding, the payload {@code hash:order:index:issuedAt:expiresAt}. A token only
 * verifies for the item it names, before it expires, and with the very bytes that were signed
 * (compared in constant time). Receipts, which the notifier puts on the notifications it publishes
 * for callbacks, are signed under another label: a receipt is never a token, nor the reverse.
 * The key is never part of a message, a log line or {@link #toString}.
 */
public final class CallbackSigner {

    /** The fewest characters a key may have: 32 (256 bits of a random key in hex or base64 are more). */
    public static final int MIN_KEY_CHARS = 32;
    /** The most characters of a token read: a real one is about 130. */
    public static final int MAX_TOKEN_CHARS = 512;

    private static final String VERSION = "wc1";
    private static final String TOKEN_LABEL = "workchain-callback-token\n";
    private static final String RECEIPT_LABEL = "workchain-callback-receipt\n";
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{32}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    private CallbackSigner(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * The signer of this key; empty without one (callbacks off). A key shorter than
     * {@link #MIN_KEY_CHARS} is refused: IllegalArgumentException saying so (not what it is).
     */
    public static Optional<CallbackSigner> of(Optional<String> key) {
        if (key.isEmpty() || key.get().isBlank()) {
            return Optional.empty();
        }
        if (key.get().strip().length() < MIN_KEY_CHARS) {
            throw new IllegalArgumentException("workchain.callback.key must have at least " + MIN_KEY_CHARS
                    + " characters (e.g. openssl rand -hex 32); it has " + key.get().strip().length());
        }
        return Optional.of(new CallbackSigner(key.get().strip().getBytes(StandardCharsets.UTF_8)));
    }

    /** The token for one item, to hand to the service the gateway calls for it. */
    public String sign(CallbackToken token) {
        String payload = ENCODER.encodeToString(payloadOf(token).getBytes(StandardCharsets.UTF_8));
        return VERSION + "." + payload + "." + ENCODER.encodeToString(mac(TOKEN_LABEL, payload));
    }

    /**
     * The token, if it is one this key signed, for item {@code hash/order/index}, not expired at
     * {@code now}; else CallbackRefusedException saying which of those it is not.
     */
    public CallbackToken verify(String token, String hash, int order, int index, long now)
            throws CallbackRefusedException {
        CallbackToken read = read(token);
        if (!read.names(hash, order, index)) {
            throw new CallbackRefusedException(
                    "the token is for another item, not " + hash + "/" + order + "/" + index);
        }
        if (now >= read.expiresAt()) {
            throw new CallbackRefusedException("the token expired (the item's deadline has passed)");
        }
        return read;
    }

    /** The token's contents if this key signed it, expired or not, whichever item it names. */
    public CallbackToken read(String token) throws CallbackRefusedException {
        if (token == null || token.isBlank()) {
            throw new CallbackRefusedException("no callback token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new CallbackRefusedException("not a callback token (longer than " + MAX_TOKEN_CHARS + " characters)");
        }
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw new CallbackRefusedException("not a callback token (expected " + VERSION + ".<payload>.<signature>)");
        }
        // The signature as this key writes it, compared as text: no other spelling of the same bytes passes.
        if (!sameText(ENCODER.encodeToString(mac(TOKEN_LABEL, parts[1])), parts[2])) {
            throw new CallbackRefusedException(
                    "the token's signature does not verify (forged, altered, or another key's)");
        }
        try {
            return parse(new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new CallbackRefusedException("not a callback token (not base64url)");
        }
    }

    /** A receipt for an answer the callback endpoint took for this item at {@code acceptedAt}. */
    public String receipt(String hash, int order, int index, long acceptedAt) {
        String payload = hash + ":" + order + ":" + index + ":" + acceptedAt;
        return payload + "." + ENCODER.encodeToString(mac(RECEIPT_LABEL, payload));
    }

    /** Whether {@code receipt} is one this key signed for item {@code hash/order/index}. */
    public boolean isReceiptFor(String receipt, String hash, int order, int index) {
        if (receipt == null || receipt.length() > MAX_TOKEN_CHARS) {
            return false;
        }
        int dot = receipt.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        String payload = receipt.substring(0, dot);
        return sameText(ENCODER.encodeToString(mac(RECEIPT_LABEL, payload)), receipt.substring(dot + 1))
                && payload.startsWith(hash + ":" + order + ":" + index + ":");
    }

    /** Constant-time: how long the comparison takes says nothing about where two signatures differ. */
    private static boolean sameText(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static String payloadOf(CallbackToken token) {
        return token.hash() + ":" + token.order() + ":" + token.index() + ":" + token.issuedAt() + ":"
                + token.expiresAt();
    }

    private static CallbackToken parse(String payload) throws CallbackRefusedException {
        String[] fields = payload.split(":", -1);
        if (fields.length != 5 || !HASH.matcher(fields[0]).matches()) {
            throw new CallbackRefusedException(
                    "not a callback token (its payload is not hash:order:index:issued:expires)");
        }
        try {
            return new CallbackToken(fields[0], Integer.parseInt(fields[1]), Integer.parseInt(fields[2]),
                    Long.parseLong(fields[3]), Long.parseLong(fields[4]));
        } catch (NumberFormatException e) {
            throw new CallbackRefusedException(
                    "not a callback token (its payload is not hash:order:index:issued:expires)");
        }
    }

    private byte[] mac(String label, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(label.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "CallbackSigner[HmacSHA256]";
    }
}
