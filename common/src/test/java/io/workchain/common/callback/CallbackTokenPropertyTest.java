package io.workchain.common.callback;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Whatever the item and whatever is changed: only the untouched token, for its item, in time, verifies. */
class CallbackTokenPropertyTest {

    private final CallbackSigner signer = CallbackSigner.of(Optional.of(CallbackSignerTest.KEY)).orElseThrow();

    @Property(tries = 500)
    void aTokenVerifiesOnlyForItsOwnItemInTime(@ForAll("hashes") String hash, @ForAll @IntRange(max = 99) int order,
            @ForAll @IntRange(max = 99) int index, @ForAll @LongRange(min = 1, max = 1_000_000) long lifetime,
            @ForAll @IntRange(min = 1, max = 99) int shift) throws CallbackRefusedException {
        long issued = 1_000_000;
        CallbackToken token = new CallbackToken(hash, order, index, issued, issued + lifetime);
        String signed = signer.sign(token);
        assertEquals(token, signer.verify(signed, hash, order, index, issued + lifetime - 1));
        assertThrows(CallbackRefusedException.class,
                () -> signer.verify(signed, hash, order, index, issued + lifetime));
        assertThrows(CallbackRefusedException.class, () -> signer.verify(signed, hash, order + shift, index, issued));
        assertThrows(CallbackRefusedException.class, () -> signer.verify(signed, hash, order, index + shift, issued));
    }

    @Property(tries = 1000)
    void aTamperedTokenNeverVerifies(@ForAll("hashes") String hash, @ForAll @IntRange(max = 99) int order,
            @ForAll @IntRange(max = 99) int index, @ForAll @IntRange(min = 0, max = 10_000) int position,
            @ForAll("replacements") char replacement) {
        String signed = signer.sign(new CallbackToken(hash, order, index, 0, Long.MAX_VALUE));
        int at = position % signed.length();
        if (signed.charAt(at) == replacement) {
            return; // not a change
        }
        String tampered = signed.substring(0, at) + replacement + signed.substring(at + 1);
        assertThrows(CallbackRefusedException.class, () -> signer.verify(tampered, hash, order, index, 1));
    }

    @Property(tries = 300)
    void aTokenWithAPayloadOfItsOwnMakingNeverVerifies(@ForAll("hashes") String hash,
            @ForAll @IntRange(max = 99) int order, @ForAll @IntRange(max = 99) int index) {
        // Another item's signature under this item's payload: what someone holding one token could try.
        String mine = signer.sign(new CallbackToken(hash, order, index, 0, Long.MAX_VALUE));
        String theirs = signer.sign(new CallbackToken(hash, order, index + 1, 0, Long.MAX_VALUE));
        String spliced = mine.substring(0, mine.lastIndexOf('.')) + theirs.substring(theirs.lastIndexOf('.'));
        assertThrows(CallbackRefusedException.class, () -> signer.verify(spliced, hash, order, index, 1));
    }

    @Provide
    Arbitrary<String> hashes() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(32);
    }

    @Provide
    Arbitrary<Character> replacements() {
        return Arbitraries.chars().with("ABCDEFabcdef0123456789-_.:=+/ ".toCharArray());
    }
}
