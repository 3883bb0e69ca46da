package io.workchain.esb.client;

/** The gateway could not be asked (down, unreachable, broken answer): worth trying again. */
public class GatewayUnavailableException extends RuntimeException {

    public GatewayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
