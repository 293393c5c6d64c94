package com.bulkimport.local.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback port helpers. */
public final class FreePorts {

    private static final int TRIES = 100;

    private FreePorts() {
    }

    /**
     * A loopback port nothing is bound to, for a server that must be told its port before it starts. Taken at random
     * below the system's ephemeral range: a port the system hands out (to a {@code bind(0)}, or as the local end of
     * any outgoing connection) can be taken by another process between this check and the server's own bind, and on
     * a machine running test forks side by side, with thousands of loopback connections, it was. Outside that range
     * only another caller of this method, picking the same of some ten thousand ports at the same moment, can.
     */
    public static int find() {
        int[] ephemeral = ephemeralRange();
        int high = ephemeral[0] - 1;
        int low = Math.max(10_000, high - 12_000);
        if (high - low >= 1_000) {
            for (int i = 0; i < TRIES; i++) {
                int port = ThreadLocalRandom.current().nextInt(low, high + 1);
                if (bindable(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The system's ephemeral ports (Linux's ip_local_port_range; its usual default elsewhere). */
    private static int[] ephemeralRange() {
        // read as a stream: a /proc file's size is not its length, and Files.readString read one byte of it here
        try (BufferedReader reader = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            String[] bounds = reader.readLine().trim().split("\\s+");
            return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {32768, 60999};
        }
    }

    public static boolean inUse(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static void awaitListening(int port, Duration timeout, Process process) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!inUse(port)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("process exited with " + process.exitValue() + " before listening on "
                        + port);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("nothing listens on port " + port + " after " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
