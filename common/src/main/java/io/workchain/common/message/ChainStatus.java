package io.workchain.common.message;

/** How a chain ended. */
public enum ChainStatus {
    COMPLETED,
    FAILED
}
