package com.bulkimport.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The HTTP end of {@code listen}, on loopback only: checks each delivery's signature (401 and a warning on
 * stderr when it fails), hands each verified {@code webhook-id} to {@code events} once, and answers 2xx only
 * after that, so a delivery this side dropped is retried by the sender rather than lost.
 */
final class DeliveryReceiver implements AutoCloseable {

    /** Far above any event envelope; a bigger body is not one of ours. */
    static final int MAX_BODY = 1 << 20;
    /** Retries come within days; remembering the last ids bounds a long session's memory (about 10 MB). */
    private static final int REMEMBERED_IDS = 100_000;

    private final HttpServer server;
    private final ExecutorService threads;
    private final Set<String> seen = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_IDS;
                }
            }));
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile WebhookSignature signature;
    private final Consumer<String> events;
    private final PrintStream err;

    private DeliveryReceiver(HttpServer server, Consumer<String> events, PrintStream err) {
        this.server = server;
        this.events = events;
        this.err = err;
        // a few at once: the worker sends up to 8 deliveries of one endpoint in parallel
        this.threads = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "listen-receiver");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Serves on 127.0.0.1 ({@code port} 0: any free one) at once, though nothing is accepted before
     * {@link #verifyWith}: the webhook that brings the secret needs this port first. Serving rather than only
     * binding, so that {@link #close} frees the port even when the registration fails (an NIO channel that no
     * selector ever served stays bound after its close).
     */
    static DeliveryReceiver start(int port, Consumer<String> events, PrintStream err) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        DeliveryReceiver receiver = new DeliveryReceiver(server, events, err);
        server.createContext("/", receiver::handle);
        server.setExecutor(receiver.threads);
        server.start();
        return receiver;
    }

    void verifyWith(WebhookSignature signature) {
        this.signature = signature;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 405);
                return;
            }
            WebhookSignature signature = this.signature;
            if (signature == null) {
                // no webhook yet, so nothing of ours: a sender that retries will find the session ready
                answer(exchange, 503);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                answer(exchange, 413);
                return;
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            try {
                signature.verify(id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"), body);
            } catch (BadSignature e) {
                err.println("warning: refused a delivery from " + exchange.getRemoteAddress().getAddress()
                        .getHostAddress() + " (webhook-id " + printable(id) + "): " + e.getMessage());
                answer(exchange, 401);
                return;
            }
            // a retry or a redelivery carries the same webhook-id: acknowledged again, shown once
            if (seen.add(id)) {
                events.accept(new String(body, StandardCharsets.UTF_8));
            }
            answer(exchange, 204);
        }
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }

    /** A forged header goes to the terminal: no control characters, not too long. */
    private static String printable(String text) {
        if (text == null) {
            return "none";
        }
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
