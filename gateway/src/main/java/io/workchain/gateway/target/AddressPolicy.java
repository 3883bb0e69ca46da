package io.workchain.gateway.target;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Addresses an absolute URL from the work topic must never reach, whatever the allow-list says:
 * loopback, link-local (cloud metadata lives at 169.254.169.254), unspecified, multicast, the
 * cloud metadata names and fd00:ec2::254; and private ranges (RFC 1918, CGNAT, IPv6 unique local)
 * unless the gateway is told to allow them. IPv6 forms that carry an IPv4 address (mapped,
 * compatible, NAT64, 6to4) are judged by that address. Names are checked before the lookup and
 * every address they resolve to after it; the call then goes to a checked address.
 */
final class AddressPolicy {

    private static final Set<String> FORBIDDEN_NAMES = Set.of("localhost", "localhost.localdomain",
            "ip6-localhost", "ip6-loopback", "metadata", "metadata.google.internal", "instance-data",
            "instance-data.ec2.internal");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final InetAddress AWS_IPV6_METADATA = literal("fd00:ec2:0:0:0:0:0:254");

    private AddressPolicy() {}

    /** Why the host (a name or an IP literal, brackets allowed) is forbidden, or empty. No lookup. */
    static Optional<String> forbidden(String host, boolean allowPrivate) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (FORBIDDEN_NAMES.contains(name) || name.endsWith(".localhost")) {
            return Optional.of("loopback or metadata host name");
        }
        if (!IPV4.matcher(name).matches() && !name.contains(":")) {
            return Optional.empty(); // a name: its addresses are checked once it is resolved
        }
        try {
            return forbidden(InetAddress.getByName(name), allowPrivate); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return Optional.of("malformed IP address");
        }
    }

    /** Why the address is forbidden, or empty. */
    static Optional<String> forbidden(InetAddress address, boolean allowPrivate) {
        if (address instanceof Inet6Address v6) {
            if (v6.equals(AWS_IPV6_METADATA)) {
                return Optional.of("cloud metadata address");
            }
            Inet4Address embedded = embeddedIpv4(v6.getAddress());
            if (embedded != null) {
                return forbidden(embedded, allowPrivate).map(why -> why + " (inside an IPv6 address)");
            }
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local address (cloud metadata lives there)");
        }
        if (address.isAnyLocalAddress() || firstByte(address) == 0 && address instanceof Inet4Address) {
            return Optional.of("unspecified address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast address");
        }
        if (!allowPrivate && isPrivate(address)) {
            return Optional.of("private address (workchain.gateway.allow-private-addresses is false)");
        }
        return Optional.empty();
    }

    private static boolean isPrivate(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return address.isSiteLocalAddress() // 10/8, 172.16/12, 192.168/16
                    || first == 100 && second >= 64 && second < 128; // 100.64/10, carrier-grade NAT
        }
        return (b[0] & 0xfe) == 0xfc || address.isSiteLocalAddress(); // fc00::/7 unique local, fec0::/10
    }

    /** The IPv4 address carried by a mapped, compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static Inet4Address embeddedIpv4(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0 && !(isZero(b, 12, 15) && b[15] <= 1);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && isZero(b, 4, 12);
        if (mapped || compatible || nat64) {
            return v4(b[12], b[13], b[14], b[15]);
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return v4(b[2], b[3], b[4], b[5]);
        }
        return null;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Inet4Address v4(byte a, byte b, byte c, byte d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[]{a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static int firstByte(InetAddress address) {
        return address.getAddress()[0] & 0xff;
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
