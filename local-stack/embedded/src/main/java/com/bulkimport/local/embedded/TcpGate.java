package com.bulkimport.local.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP forwarder in front of a real server that tests can {@link #close() cut} and
 * {@link #open() reopen} on the same port. While cut, clients see what they see when the server is
 * down (connection refused, live connections reset), but the server behind keeps its state: no
 * message that made it through is lost to the test.
 *
 * <p>A {@link #throttle(long) throttled} gate forwards at most so many bytes a second each way, so a
 * client streaming a large response holds little more than it has read: a cut then lands in the middle
 * of the stream, where without it the socket buffers could already hold the rest of a response.
 */
public final class TcpGate implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TcpGate.class);

    private final int port;
    private final int targetPort;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile long bytesPerSecond;
    private final AtomicLong delivered = new AtomicLong();

    private TcpGate(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    /** An open gate on a free loopback port forwarding to {@code targetPort} on loopback. */
    public static TcpGate forward(int targetPort) {
        TcpGate gate = new TcpGate(FreePorts.find(), targetPort);
        gate.open();
        return gate;
    }

    public int port() {
        return port;
    }

    public String httpEndpoint() {
        return "http://127.0.0.1:" + port;
    }

    public boolean isOpen() {
        return listener != null;
    }

    /**
     * Forwards at most {@code bytesPerSecond} each way on every connection, live ones included; 0 lifts the limit.
     *
     * @return this gate
     */
    public TcpGate throttle(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bytesPerSecond must be 0 (no limit) or more, got " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
        return this;
    }

    /** Accepts connections again, on the same port. */
    public synchronized void open() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            listener = socket;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on " + port, e);
        }
        ServerSocket accepting = listener;
        Thread acceptor = new Thread(() -> accept(accepting), "tcp-gate-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Stops listening and resets every live connection, as a stopped server would. */
    @Override
    public synchronized void close() {
        ServerSocket socket = listener;
        listener = null;
        if (socket != null) {
            closeQuietly(socket);
        }
        live.forEach(TcpGate::closeQuietly);
        live.clear();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                live.add(client);
                live.add(server);
                pipe(client, server, null);
                pipe(server, client, delivered);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                log.debug("gate {} could not connect a client: {}", port, e.toString());
            }
        }
    }

    /** Bytes the server sent that the gate handed on to clients, over every connection so far. */
    public long delivered() {
        return delivered.get();
    }

    private void pipe(Socket from, Socket to, AtomicLong counted) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer, 0, readSize(buffer.length))) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                    if (counted != null) {
                        counted.addAndGet(n);
                    }
                    pace(n);
                }
            } catch (IOException ignored) {
                // the other side closed, or the gate was cut
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                live.remove(from);
                live.remove(to);
            }
        }, "tcp-gate-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Throttled, about a twentieth of a second's worth at a time: the pace stays even, not bursts and pauses. */
    private int readSize(int buffer) {
        long limit = bytesPerSecond;
        return limit == 0 ? buffer : (int) Math.max(1, Math.min(buffer, limit / 20));
    }

    private void pace(int forwarded) throws InterruptedException {
        long limit = bytesPerSecond;
        if (limit > 0) {
            long nanos = forwarded * 1_000_000_000L / limit;
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
