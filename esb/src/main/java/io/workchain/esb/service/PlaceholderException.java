package io.workchain.esb.service;

/** A payload placeholder that cannot be resolved: the item fails, without being called. */
public class PlaceholderException extends RuntimeException {

    public PlaceholderException(String placeholder, String problem) {
        super("payload placeholder '" + placeholder + "' " + problem, null, false, false);
    }
}
