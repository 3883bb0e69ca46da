package io.workchain.common.codec;

import io.workchain.common.limits.Reasons;
import io.workchain.common.message.MalformedMessageException;

import java.util.Arrays;
import java.util.Locale;

/** Reads an enum value (any case) the same way in every encoding, naming the field when it is unknown. */
final class EnumFields {

    private EnumFields() {}

    static <E extends Enum<E>> E parse(Class<E> type, String value, String path) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(path, "must be one of "
                    + Arrays.toString(type.getEnumConstants()) + ", got '"
                    + Reasons.bounded(value, 60) + "'");
        }
    }
}
