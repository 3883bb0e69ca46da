package io.workchain.esb.service;

/**
 * One item's tries through the gateway, kept while it is dispatched: its deadline, service retries
 * and outage waits counted apart (each has its own bound), how often the gateway asked for the
 * chain, and what the item carries along (its record's slot, the chain should its route ask).
 */
final class ItemAttempts {

    final long deadline;
    /** Whether the deadline is the item's own (sooner than its chain's). */
    final boolean itemsOwn;
    final long startedAt = System.currentTimeMillis();
    int total;
    int retries;
    int outageWaits;
    /** Times the gateway asked for the chain (not attempts: nothing was sent to the target). */
    int chainOffers;
    /** The record's slot: given back while the item only waits out an outage. */
    final RecordSlot slot;
    final ChainBody chain;

    ItemAttempts(long deadline, boolean itemsOwn, RecordSlot slot, ChainBody chain) {
        this.deadline = deadline;
        this.itemsOwn = itemsOwn;
        this.slot = slot;
        this.chain = chain;
    }
}
