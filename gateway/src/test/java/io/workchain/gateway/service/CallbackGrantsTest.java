package io.workchain.gateway.service;

import io.workchain.common.gateway.Invocation;
import io.workchain.common.message.Request;
import io.workchain.gateway.config.CallbackConfig;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain unit tests: the configuration (a two-method interface) is given as a record. */
class CallbackGrantsTest {

    private static final String KEY = "a-test-callback-key-of-enough-length-0123";
    private static final Invocation ITEM = new Invocation("4e753d52b4d53d42f2a19fa9a7297e23", 0, 3,
            Request.http("r", "/x", "POST", "{}"), null, null);

    record Config(Optional<String> key, Optional<String> publicUrl) implements CallbackConfig {}

    @Test
    void withoutAKeyNothingIsGranted() {
        assertTrue(new CallbackGrants(new Config(Optional.empty(), Optional.of("https://n.example")))
                .grant(ITEM, 0).isEmpty());
    }

    @Test
    void aKeyWithoutAUsablePublicUrlOrTooShortStopsTheServiceWithoutShowingTheKey() {
        IllegalStateException noUrl = assertThrows(IllegalStateException.class,
                () -> new CallbackGrants(new Config(Optional.of(KEY), Optional.empty())));
        assertTrue(noUrl.getMessage().contains("workchain.callback.public-url"));
        assertFalse(noUrl.getMessage().contains(KEY));
        assertThrows(IllegalStateException.class,
                () -> new CallbackGrants(new Config(Optional.of(KEY), Optional.of("ftp://n.example"))));
        assertThrows(IllegalStateException.class,
                () -> new CallbackGrants(new Config(Optional.of(KEY), Optional.of("https://u:p@n.example"))));
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> new CallbackGrants(new Config(Optional.of("too-short"), Optional.of("https://n.example"))));
        assertFalse(shortKey.getMessage().contains("too-short"));
    }

    @Test
    void withoutTheItemsDeadlineTheTokenLivesTheDefaultItemTimeout() {
        CallbackGrants grants = new CallbackGrants(new Config(Optional.of(KEY), Optional.of("http://n.example:8083/")));
        CallbackGrants.Grant grant = grants.grant(ITEM, 1_000).orElseThrow();
        assertEquals("http://n.example:8083/callbacks/4e753d52b4d53d42f2a19fa9a7297e23/0/3", grant.url());
        assertTrue(grant.token().startsWith("wc1."));
    }
}
