package io.workchain.common.message;

/** A work message whose hash does not match its items (and run id): it was altered, or computed wrongly. */
public class TamperedHashException extends MalformedMessageException {

    public TamperedHashException(String given, String computed) {
        super("hash", "does not match the items: given " + given + ", computed " + computed);
    }
}
