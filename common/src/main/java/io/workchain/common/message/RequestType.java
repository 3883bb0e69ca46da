package io.workchain.common.message;

/** How the gateway reaches a target. Only HTTP (plain or TLS, chosen by the URL's scheme) today. */
public enum RequestType {
    HTTP
}
