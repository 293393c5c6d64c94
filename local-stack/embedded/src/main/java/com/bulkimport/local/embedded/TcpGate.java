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

/**
 * A loopback TCP forwarder in front of a real server that tests can {@link #close() cut} and
 * {@link #open() reopen} on the same port. While cut, clients see what they see when the server is
 * down (connection refused, live connections reset), but the server behind keeps its state: no
 * message that made it through is lost to the test.
 */
public final class TcpGate implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TcpGate.class);

    private final int port;
    private final int targetPort;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

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
                pipe(client, server);
                pipe(server, client);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                log.debug("gate {} could not connect a client: {}", port, e.toString());
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the other side closed, or the gate was cut
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

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
