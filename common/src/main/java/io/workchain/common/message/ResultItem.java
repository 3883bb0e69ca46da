package io.workchain.common.message;

/**
 * One answer inside a notification or completion message: the item at {@code index} (its
 * position in the work message's items; may be absent when its step has a single item) of the
 * step {@code order}.
 */
public record ResultItem(int order, Integer index, Response response) {}
