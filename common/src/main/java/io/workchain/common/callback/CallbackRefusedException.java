package io.workchain.common.callback;

/**
 * A callback token that does not verify: not a token, a signature that does not match (forged or
 * tampered), another item's, or expired. The message says which, never the token itself.
 */
public class CallbackRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public CallbackRefusedException(String message) {
        super(message);
    }
}
