package io.workchain.common.callback;

/**
 * What a callback token says, once its signature is checked: which item it may answer (chain
 * {@code hash}, step {@code order}, item {@code index}), when the gateway issued it and until when
 * it may be used (epoch ms: the item's deadline). Only the service the gateway called gets it, in
 * the call's {@link CallbackHeaders#TOKEN} header.
 */
public record CallbackToken(String hash, int order, int index, long issuedAt, long expiresAt) {

    /** Whether it names this very item. */
    public boolean names(String otherHash, int otherOrder, int otherIndex) {
        return hash.equals(otherHash) && order == otherOrder && index == otherIndex;
    }

    /** {@code hash/order/index}, as the idempotency key names the item. */
    public String item() {
        return hash + "/" + order + "/" + index;
    }
}
