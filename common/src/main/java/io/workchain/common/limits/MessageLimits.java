package io.workchain.common.limits;

/**
 * The bounds a message must keep to be accepted: items per message, characters per payload and
 * per response data. {@link #DEFAULTS} are those of {@link Limits}; services pass their settings.
 */
public record MessageLimits(int maxItems, int maxPayloadChars, int maxResponseChars) {

    public static final MessageLimits DEFAULTS = new MessageLimits(Limits.MAX_ITEMS, Limits.MAX_PAYLOAD_CHARS,
            Limits.MAX_RESPONSE_BYTES);

    public MessageLimits {
        if (maxItems < 1 || maxPayloadChars < 0 || maxResponseChars < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
