package io.workchain.gateway.target;

/** The item's target is not one the gateway may call: never retried. */
public class TargetRefusedException extends RuntimeException {

    public TargetRefusedException(String reason) {
        super(reason, null, false, false);
    }
}
