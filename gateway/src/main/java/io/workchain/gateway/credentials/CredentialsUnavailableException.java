package io.workchain.gateway.credentials;

/**
 * A route's credential could not be had right now (its token endpoint refused or is down): the call
 * is not made and the item counts as unreachable, waited out like any outage. The message names the
 * route and the credential's source, never a value.
 */
public class CredentialsUnavailableException extends RuntimeException {

    public CredentialsUnavailableException(String message) {
        super(message, null, false, false);
    }
}
