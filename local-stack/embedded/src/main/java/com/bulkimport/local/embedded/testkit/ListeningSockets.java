package com.bulkimport.local.embedded.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The addresses a TCP port listens on, read from the kernel's own tables (Linux {@code /proc/net/tcp} and
 * {@code tcp6}): whether a server could be reached from another machine, learnt without leaving loopback, for
 * servers in this JVM and in child processes alike.
 */
public final class ListeningSockets {

    private static final String LISTEN = "0A";
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private ListeningSockets() {
    }

    /** @return every local address a socket in LISTEN state has on {@code port} (none: nothing listens) */
    public static Set<InetAddress> addresses(int port) {
        if (!Files.isReadable(TABLES.get(0))) {
            throw new IllegalStateException("no /proc/net/tcp: reading listening sockets needs Linux");
        }
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue; // IPv6 switched off
            }
            try {
                for (String line : Files.readAllLines(table)) {
                    // sl local_address rem_address st ...; the header's third field is "rem_address"
                    String[] fields = line.strip().split("\\s+");
                    if (fields.length < 4 || !fields[3].equals(LISTEN)) {
                        continue;
                    }
                    String[] local = fields[1].split(":");
                    if (Integer.parseInt(local[1], 16) == port) {
                        addresses.add(address(local[0]));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return addresses;
    }

    /** The kernel prints each 32-bit word of the address as a number in the machine's byte order. */
    static InetAddress address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        boolean littleEndian = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        for (int i = 0; i < bytes.length; i++) {
            int word = i / 4;
            int inWord = littleEndian ? 3 - i % 4 : i % 4;
            int at = word * 8 + inWord * 2;
            bytes[i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
        }
        try {
            // an IPv4-mapped IPv6 address (::ffff:127.0.0.1) comes back as the IPv4 address
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(hex, e);
        }
    }
}
