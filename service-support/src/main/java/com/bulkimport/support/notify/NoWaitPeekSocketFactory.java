package com.bulkimport.support.notify;

import javax.net.SocketFactory;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * Sockets for a {@code LISTEN} session on which pgjdbc hands each notification over as soon as it has read it.
 *
 * <p>After it reads a notification, pgjdbc's {@code getNotifications} looks whether another follows: it sets the
 * socket's read timeout to 1 ms and reads ({@code PGStream.hasMessagePending}), and goes on while one does. Under a
 * stream of small commits, one a millisecond or less apart, the call did not return until the stream paused: at
 * 1,000 events/s (bench/relay) it returned 11 notifications a call on average and up to 90, the first held
 * 9 ms on average and up to 90, and that wait was most of the relay's commit → publish latency. On these sockets
 * that 1 ms read finds what has arrived already, or times out at once.
 *
 * <p>pgjdbc makes the factory itself from its class name (the {@code socketFactory} connection property).
 */
public final class NoWaitPeekSocketFactory extends SocketFactory {

    /** The read timeout pgjdbc sets to look for a message without waiting for one. */
    static final int PEEK_TIMEOUT_MILLIS = 1;

    @Override
    public Socket createSocket() {
        return new NoWaitPeekSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket socket = new NoWaitPeekSocket();
        socket.bind(new InetSocketAddress(localHost, localPort));
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket socket = new NoWaitPeekSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    private static Socket connected(InetSocketAddress address) throws IOException {
        Socket socket = new NoWaitPeekSocket();
        socket.connect(address);
        return socket;
    }

    /** A plain socket whose reads under the peek's timeout never wait for bytes that have not arrived. */
    static final class NoWaitPeekSocket extends Socket {

        private volatile int timeout;

        @Override
        public synchronized void setSoTimeout(int millis) throws SocketException {
            super.setSoTimeout(millis);
            timeout = millis;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            InputStream in = super.getInputStream();
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    nothingToWaitFor();
                    return super.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    nothingToWaitFor();
                    return super.read(buffer, offset, length);
                }

                private void nothingToWaitFor() throws IOException {
                    if (timeout == PEEK_TIMEOUT_MILLIS && in.available() == 0) {
                        throw new SocketTimeoutException("no message has arrived (a look, not a wait)");
                    }
                }
            };
        }
    }
}
