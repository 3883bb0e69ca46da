package io.workchain.common.message;

import java.util.List;

/** One of the three messages that travel on the workchain topics, all keyed by {@link #hash()}. */
public sealed interface WorkchainMessage permits WorkMessage, NotificationMessage, CompletionMessage {

    /** The chain's identity: MD5 of the canonical form of its items' requests. */
    String hash();

    List<?> items();
}
