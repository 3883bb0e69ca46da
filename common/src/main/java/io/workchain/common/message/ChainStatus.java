package io.workchain.common.message;

/** How a chain ended. */
public enum ChainStatus {
    COMPLETED, FAILED,
    /** An operator cancelled the chain while it ran: steps not yet answered never ran. */
    CANCELLED
}
