package com.bulkimport.support.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Addresses a request chosen by a user must never reach: this machine, the private networks around it,
 * the cloud's metadata service and everything that is not a unicast address on the internet. An
 * address that embeds an IPv4 address (IPv4-mapped, -compatible, NAT64, 6to4) is judged by that address,
 * so {@code ::ffff:10.0.0.1} is as private as {@code 10.0.0.1}.
 */
public final class ForbiddenAddresses {

    private ForbiddenAddresses() {
    }

    /** @return why the address is forbidden, or empty for a public unicast address */
    public static Optional<String> reason(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            Optional<InetAddress> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                return reason(embedded.get());
            }
            int first = b[0] & 0xff;
            if (v6.isAnyLocalAddress()) {
                return Optional.of("the unspecified address");
            }
            if (v6.isLoopbackAddress()) {
                return Optional.of("loopback");
            }
            if (v6.isLinkLocalAddress() || (first == 0xfe && (b[1] & 0xc0) == 0x80)) {
                return Optional.of("link-local");
            }
            if ((first & 0xfe) == 0xfc) {
                // fc00::/7, which holds the EC2 metadata service's IPv6 address fd00:ec2::254
                return Optional.of("a unique-local (private) address");
            }
            if (v6.isSiteLocalAddress()) {
                return Optional.of("a site-local (private) address");
            }
            if (v6.isMulticastAddress()) {
                return Optional.of("multicast");
            }
            if (first == 0 || (first == 0x01 && b[1] == 0 && allZero(b, 2, 8))) {
                // ::/8 (reserved) and 100::/64 (discard-only)
                return Optional.of("a reserved address");
            }
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (address.isAnyLocalAddress() || a0 == 0) {
            return Optional.of("the unspecified address (0.0.0.0/8)");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            // 169.254.0.0/16, which holds the cloud metadata service 169.254.169.254
            return Optional.of("link-local (the cloud metadata service lives there)");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address (RFC 1918)");
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return Optional.of("a carrier-grade NAT address (100.64.0.0/10)");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (a0 >= 240) {
            return Optional.of("a reserved or broadcast address");
        }
        if (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0 || a0 == 198 && (a1 & 0xfe) == 18) {
            // 192.0.0.0/24 (protocol assignments), 198.18.0.0/15 (network benchmarks)
            return Optional.of("a reserved address");
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static Optional<InetAddress> embeddedIpv4(byte[] b) {
        try {
            if (allZero(b, 0, 10) && ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff
                    || b[10] == 0 && b[11] == 0 && !allZero(b, 12, 16) && !(allZero(b, 12, 15) && b[15] == 1))) {
                return Optional.of(Inet4Address.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
            }
            if (b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                    && allZero(b, 4, 12)) {
                return Optional.of(Inet4Address.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return Optional.of(Inet4Address.getByAddress(java.util.Arrays.copyOfRange(b, 2, 6)));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
        return Optional.empty();
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
