package io.workchain.common.callback;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallbackSignerTest {

    static final String KEY = "0123456789abcdef0123456789abcdef-test-key";
    static final String HASH = "3dd453dbc080e8ab3687c8ae74b6dbe1";
    private final CallbackSigner signer = CallbackSigner.of(Optional.of(KEY)).orElseThrow();
    private final CallbackToken token = new CallbackToken(HASH, 1, 2, 1_000, 61_000);

    @Test
    void aTokenVerifiesForItsItemBeforeItExpires() throws CallbackRefusedException {
        assertEquals(token, signer.verify(signer.sign(token), HASH, 1, 2, 60_999));
    }

    @Test
    void noKeyMeansCallbacksAreOffAndAShortKeyIsRefused() {
        assertTrue(CallbackSigner.of(Optional.empty()).isEmpty());
        assertTrue(CallbackSigner.of(Optional.of("  ")).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CallbackSigner.of(Optional.of("short-key-of-31-characters-xxxx")));
        assertTrue(e.getMessage().contains("at least 32"), e.getMessage());
        assertFalse(e.getMessage().contains("short-key"), "the key is never in a message");
    }

    @Test
    void anExpiredTokenIsRefusedSayingSo() {
        CallbackRefusedException e = assertThrows(CallbackRefusedException.class,
                () -> signer.verify(signer.sign(token), HASH, 1, 2, 61_000));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void anotherItemsTokenIsRefused() {
        String signed = signer.sign(token);
        assertThrows(CallbackRefusedException.class, () -> signer.verify(signed, HASH, 1, 3, 2_000));
        assertThrows(CallbackRefusedException.class, () -> signer.verify(signed, HASH, 0, 2, 2_000));
        assertThrows(CallbackRefusedException.class,
                () -> signer.verify(signed, "ffffffffffffffffffffffffffffffff", 1, 2, 2_000));
    }

    @Test
    void anotherKeysTokenAndGarbageAreRefused() {
        CallbackSigner other = CallbackSigner.of(Optional.of(KEY + "-other")).orElseThrow();
        CallbackRefusedException e = assertThrows(CallbackRefusedException.class,
                () -> signer.verify(other.sign(token), HASH, 1, 2, 2_000));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
        for (String garbage : new String[]{null, "", "wc1", "wc1..", "wc2.a.b", "wc1.!!.??", "x".repeat(600)}) {
            assertThrows(CallbackRefusedException.class, () -> signer.verify(garbage, HASH, 1, 2, 2_000), garbage);
        }
    }

    @Test
    void aReceiptIsNoTokenAndATokenNoReceipt() {
        String receipt = signer.receipt(HASH, 1, 2, 5_000);
        assertTrue(signer.isReceiptFor(receipt, HASH, 1, 2));
        assertFalse(signer.isReceiptFor(receipt, HASH, 1, 3));
        assertFalse(signer.isReceiptFor(signer.sign(token), HASH, 1, 2));
        assertThrows(CallbackRefusedException.class, () -> signer.verify(receipt, HASH, 1, 2, 2_000));
        CallbackSigner other = CallbackSigner.of(Optional.of(KEY + "-other")).orElseThrow();
        assertFalse(signer.isReceiptFor(other.receipt(HASH, 1, 2, 5_000), HASH, 1, 2));
    }

    @Test
    void theSignerNeverShowsItsKey() {
        assertFalse(signer.toString().contains(KEY));
    }
}
