package io.workchain.gateway.credentials;

import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.message.Response;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the credentials a call carried out of what the call produces: a target that answers 401
 * echoing its Authorization header, or a broker error quoting a setting, must not put the secret in
 * a reason, a completion, a dead letter or a log. Every secret (and each long word of it: the token of
 * "Bearer token", a quoted password of a JAAS line) is replaced by {@code ***} wherever it appears.
 * Values shorter than {@link #MIN_SECRET_CHARS} are not looked for: masking "1" would blank every
 * reason, and such a value is no secret.
 */
public final class SecretMasker {

    static final int MIN_SECRET_CHARS = 4;
    static final String MASK = "***";
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final SecretMasker NONE = new SecretMasker(List.of());

    private final List<String> secrets;

    private SecretMasker(List<String> secrets) {
        this.secrets = secrets;
    }

    public static SecretMasker none() {
        return NONE;
    }

    /** A masker for these values, their words and the quoted values in them. */
    public static SecretMasker of(Collection<String> values) {
        Set<String> all = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null) {
                continue;
            }
            all.add(value);
            for (String word : value.split("\\s+")) {
                all.add(word.endsWith(";") ? word.substring(0, word.length() - 1) : word);
            }
            Matcher quoted = QUOTED.matcher(value);
            while (quoted.find()) {
                all.add(quoted.group(1));
            }
        }
        List<String> kept = new ArrayList<>(all.stream().filter(s -> s.length() >= MIN_SECRET_CHARS).toList());
        if (kept.isEmpty()) {
            return NONE;
        }
        // Longest first: a whole value is masked before the words inside it.
        kept.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretMasker(List.copyOf(kept));
    }

    /** This masker and another together. */
    public SecretMasker and(SecretMasker other) {
        if (other.secrets.isEmpty()) {
            return this;
        }
        if (secrets.isEmpty()) {
            return other;
        }
        List<String> both = new ArrayList<>(secrets);
        both.addAll(other.secrets);
        both.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretMasker(List.copyOf(both));
    }

    public String mask(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    /** The outcome with every secret masked in its reason and its response (data and metadata). */
    public InvocationOutcome mask(InvocationOutcome outcome) {
        if (secrets.isEmpty() || outcome == null) {
            return outcome;
        }
        Response response = outcome.response();
        Response masked = response == null
                ? null
                : new Response(response.error(), response.ok(), mask(response.data()), mask(response.metadata()));
        return new InvocationOutcome(outcome.status(), outcome.kind(), mask(outcome.reason()), masked,
                outcome.httpStatus(), outcome.contentType());
    }
}
