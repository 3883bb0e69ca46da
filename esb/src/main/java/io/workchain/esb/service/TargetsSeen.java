package io.workchain.esb.service;

import io.workchain.common.message.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The targets that have answered this ESB at least once (any answer: a success, a failure, an
 * accepted call). An outage of such a target is held, as outages are; a target that has never
 * answered and refuses connections is more likely a typo'd port or a host that does not exist,
 * and gets only a short grace ({@code workchain.esb.unreachable-grace}). Kept in memory: after a
 * restart, a target that is down is given the grace once more before its items fail.
 */
@ApplicationScoped
public class TargetsSeen {

    /** Beyond this many targets the memory starts afresh: only answering targets enter it, so this is generous. */
    static final int MAX_TARGETS = 10_000;

    private final Set<String> answered = ConcurrentHashMap.newKeySet();

    public void answered(Request request) {
        if (answered.size() >= MAX_TARGETS) {
            answered.clear();
        }
        answered.add(target(request));
    }

    public boolean hasAnswered(Request request) {
        return answered.contains(target(request));
    }

    /** A route by its name; an absolute URL by its scheme, host and port (its path and query change nothing). */
    static String target(Request request) {
        String url = request.url() == null ? "" : request.url();
        try {
            URI uri = new URI(url);
            if (uri.isAbsolute() && uri.getHost() != null) {
                return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":"
                        + uri.getPort();
            }
        } catch (URISyntaxException e) {
            // not a URL: a route name, or a refused target the gateway will say more of
        }
        return url;
    }
}
