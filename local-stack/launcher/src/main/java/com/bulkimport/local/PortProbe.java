package com.bulkimport.local;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Whether up can listen on a port, and if not, what answers there. */
final class PortProbe {

    private static final int TIMEOUT_MILLIS = 1000;
    /** The first message of a PostgreSQL client asking for TLS: any PostgreSQL answers it with one byte, S or N. */
    private static final int SSL_REQUEST = 80877103;

    private PortProbe() {
    }

    /** Binds it as up's servers will: on 127.0.0.1, where a listener on any interface also stands in the way. */
    static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return e.g. "a PostgreSQL server answers there" */
    static String holder(int port) {
        if (answersPostgres(port)) {
            return "a PostgreSQL server answers there (another stack's database: up would have used it as its own)";
        }
        String http = httpServer(port);
        if (http != null) {
            return "an HTTP server answers there" + http;
        }
        return "in use by another process";
    }

    private static boolean answersPostgres(int port) {
        try (Socket socket = connect(port)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(8);
            out.writeInt(SSL_REQUEST);
            out.flush();
            int answer = new DataInputStream(socket.getInputStream()).read();
            return answer == 'S' || answer == 'N';
        } catch (IOException e) {
            return false;
        }
    }

    /** @return null when no HTTP answers, else the Server header if there is one, e.g. " (Server: Apache)" */
    private static String httpServer(int port) {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write("HEAD / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String head = readHead(socket.getInputStream());
            if (!head.startsWith("HTTP/")) {
                return null;
            }
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, "Server:", 0, 7)) {
                    return " (" + line.strip() + ")";
                }
            }
            return "";
        } catch (IOException e) {
            return null;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while (head.length() < 4096 && (b = in.read()) != -1) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
