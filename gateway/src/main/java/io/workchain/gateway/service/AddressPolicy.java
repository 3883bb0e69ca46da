package io.workchain.gateway.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hosts an absolute URL from the work topic must never reach, whatever the allow-list says:
 * loopback, link-local (cloud metadata lives at 169.254.169.254), unspecified and the cloud
 * metadata names. Only IP literals and these names are checked here, without DNS (a lookup
 * would block and can be rebound anyway): keep allow-list entries to names you trust.
 */
final class AddressPolicy {

    private static final Set<String> FORBIDDEN_NAMES = Set.of("localhost", "localhost.localdomain",
            "ip6-localhost", "metadata", "metadata.google.internal", "instance-data", "instance-data.ec2.internal");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private AddressPolicy() {
    }

    /** Why the host is forbidden, or empty when it is not. */
    static Optional<String> forbidden(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (FORBIDDEN_NAMES.contains(name) || name.endsWith(".localhost")) {
            return Optional.of("loopback or metadata host name");
        }
        if (!IPV4.matcher(name).matches() && !name.contains(":") && !name.startsWith("[")) {
            return Optional.empty();
        }
        try {
            // An IP literal: getByName parses it without any lookup.
            InetAddress address = InetAddress.getByName(name.replace("[", "").replace("]", ""));
            if (address.isLoopbackAddress()) {
                return Optional.of("loopback address");
            }
            if (address.isLinkLocalAddress()) {
                return Optional.of("link-local address (cloud metadata lives there)");
            }
            if (address.isAnyLocalAddress()) {
                return Optional.of("unspecified address");
            }
            if (name.equals("fd00:ec2::254")) {
                return Optional.of("cloud metadata address");
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("malformed IP address");
        }
    }
}
