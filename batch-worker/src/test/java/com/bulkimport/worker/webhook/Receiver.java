package com.bulkimport.worker.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real webhook receiver on loopback: records every request (its headers, body and arrival) and verifies its
 * signature with the Standard Webhooks library, an implementation independent of ours, against the secrets it
 * was told. It answers from a script: a queue of {@link Answer}s, then {@code fallback}.
 */
public final class Receiver implements AutoCloseable {

    /** How to answer one request. */
    public record Answer(int status, long delayMillis, int bodyBytes, String location, CountDownLatch hold) {
        public static Answer status(int status) {
            return new Answer(status, 0, 0, null, null);
        }

        public static Answer slow(int status, long delayMillis) {
            return new Answer(status, delayMillis, 0, null, null);
        }

        public static Answer withBody(int status, int bodyBytes) {
            return new Answer(status, 0, bodyBytes, null, null);
        }

        public static Answer redirect(String location) {
            return new Answer(302, 0, 0, location, null);
        }

        /** Answers {@code status} once the latch opens: a request held in flight. */
        public static Answer held(int status, CountDownLatch hold) {
            return new Answer(status, 0, 0, null, hold);
        }
    }

    /** One request as it arrived. */
    public record Request(String webhookId, long timestamp, String signature, String body, Instant arrived,
                          boolean verified, String verifyError) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Answer> fallback = request -> Answer.status(200);

    private Receiver(HttpServer server) {
        this.server = server;
    }

    public static Receiver start(String... secrets) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        Receiver receiver = new Receiver(server);
        receiver.secrets.addAll(List.of(secrets));
        server.createContext("/", receiver::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return receiver;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The secrets a request must verify with (any one of them). */
    public Receiver verifyWith(String... secrets) {
        this.secrets.clear();
        this.secrets.addAll(List.of(secrets));
        return this;
    }

    public Receiver then(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    public Receiver otherwise(Function<Request, Answer> fallback) {
        this.fallback = fallback;
        return this;
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            String id = first(headers, "webhook-id");
            String timestamp = first(headers, "webhook-timestamp");
            String error = verify(body, headers);
            Request request = new Request(id, timestamp == null ? -1 : Long.parseLong(timestamp),
                    first(headers, "webhook-signature"), body, Instant.now(), error == null, error);
            requests.add(request);
            Answer answer = script.poll();
            if (answer == null) {
                answer = fallback.apply(request);
            }
            if (answer.hold() != null) {
                answer.hold().await(5, TimeUnit.MINUTES);
            }
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
            if (answer.location() != null) {
                exchange.getResponseHeaders().add("Location", answer.location());
            }
            if (answer.bodyBytes() > 0) {
                exchange.sendResponseHeaders(answer.status(), answer.bodyBytes());
                byte[] block = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                OutputStream out = exchange.getResponseBody();
                for (int left = answer.bodyBytes(); left > 0; left -= block.length) {
                    out.write(block, 0, Math.min(left, block.length));
                }
            } else {
                exchange.sendResponseHeaders(answer.status(), -1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the sender hung up (a timeout, a dropped connection): what it sent is recorded already
        }
    }

    private String verify(String body, Map<String, List<String>> headers) {
        if (secrets.isEmpty()) {
            return "no secret to verify with";
        }
        String last = null;
        for (String secret : secrets) {
            try {
                new Webhook(secret).verify(body, headers);
                return null;
            } catch (WebhookVerificationException e) {
                last = e.getMessage();
            }
        }
        return last;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
