package io.workchain.gateway.client;

/** What a call or publish carries: the bytes and their content type. */
public record DeliveryBody(byte[] bytes, String contentType) {

    public boolean isEmpty() {
        return bytes == null;
    }
}
