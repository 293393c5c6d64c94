package com.bulkimport.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook delivery: throughput of the worker's delivery loop to a loopback receiver, and the latency from an
 * event's commit to the receiver's request at a steady rate. Events are written to the outbox as producers write
 * them (already published, so the relay leaves them alone): the database's trigger makes the deliveries, the
 * worker's loop claims, signs and posts them. The receiver's own ceiling (hammered straight from this JVM) is
 * the baseline the throughput cannot exceed.
 */
public final class WebhooksBench {

    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\": \"([0-9a-f-]{36})\"");

    private WebhooksBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOutput.reserve();
        int events = env("EVENTS", 20_000);
        int endpoints = env("ENDPOINTS", 1);
        int rate = env("RATE", 100);
        int seconds = env("SECONDS", 30);
        int warmup = env("WARMUP_SECONDS", 10);
        Map<String, String> settings = Map.of("bulkimport.webhooks.allow-private-targets", "true",
                "spring.profiles.active", "local",
                "bulkimport.webhooks.threads", Integer.toString(env("WEBHOOK_THREADS", 32)),
                "bulkimport.webhooks.per-endpoint-concurrency", Integer.toString(env("PER_ENDPOINT", 16)),
                "bulkimport.sweeper.enabled", "false", "bulkimport.mail.enabled", "false");
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        AtomicLong requests = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        receiver.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                long now = System.nanoTime();
                Matcher id = EVENT_ID.matcher(body);
                if (id.find()) {
                    arrived.putIfAbsent(id.group(1), now);
                }
                requests.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
            }
        });
        ExecutorService receiverThreads = Executors.newFixedThreadPool(64);
        receiver.setExecutor(receiverThreads);
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        try (BenchStack stack = BenchStack.start("512m", settings);
             Connection db = DriverManager.getConnection(stack.infra.postgres().jdbcUrl(),
                     stack.infra.postgres().user(), stack.infra.postgres().password())) {
            double ceiling = receiverCeiling(url, 20_000);
            System.err.printf(Locale.ROOT, "receiver ceiling: %.0f requests/s%n", ceiling);
            requests.set(0);
            String tenant = "bench-" + UUID.randomUUID();
            String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
            for (int i = 0; i < endpoints; i++) {
                try (PreparedStatement insert = db.prepareStatement("INSERT INTO webhook_endpoints"
                        + " (id, tenant, owner, url, event_types, secret) VALUES (?, ?, 'bench', ?, ARRAY['*'], ?)")) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, tenant);
                    insert.setString(3, url);
                    insert.setString(4, secret);
                    insert.executeUpdate();
                }
            }

            // a few first, so the worker's JIT and connections are warm before the clock runs
            writeEvents(db, tenant, 2_000);
            awaitRequests(requests, 2_000L * endpoints);
            requests.set(0);
            System.err.printf("throughput: %d events to %d endpoint(s)...%n", events, endpoints);
            long start = System.nanoTime();
            writeEvents(db, tenant, events);
            long written = System.nanoTime();
            awaitRequests(requests, (long) events * endpoints);
            double seconds1 = (System.nanoTime() - start) / 1e9;
            double throughput = (double) events * endpoints / seconds1;
            System.err.printf(Locale.ROOT, "  %.0f deliveries/s (%.1f s; events written in %.2f s)%n", throughput,
                    seconds1, (written - start) / 1e9);

            System.err.printf("latency: %d events/s for %d s (after %d s warm-up)...%n", rate, seconds, warmup);
            arrived.clear();
            List<long[]> committed = new ArrayList<>();
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long phase = System.nanoTime();
            long total = (long) rate * (warmup + seconds);
            db.setAutoCommit(true);
            try (PreparedStatement insert = db.prepareStatement(INSERT_ONE)) {
                for (long i = 0; i < total; i++) {
                    long due = phase + i * interval;
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                    UUID id = UUID.randomUUID();
                    insert.setObject(1, id);
                    insert.setString(2, id.toString());
                    insert.setString(3, tenant);
                    insert.executeUpdate();
                    if (i >= (long) rate * warmup) {
                        committed.add(new long[] {id.getMostSignificantBits(), id.getLeastSignificantBits(),
                                System.nanoTime()});
                    }
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            double[] latencies = new double[committed.size()];
            for (int i = 0; i < committed.size(); i++) {
                long[] c = committed.get(i);
                String id = new UUID(c[0], c[1]).toString();
                Long at;
                while ((at = arrived.get(id)) == null && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                latencies[i] = at == null ? Double.NaN : (at - c[2]) / 1e6;
            }
            long lost = Arrays.stream(latencies).filter(Double::isNaN).count();
            double[] sorted = Arrays.stream(latencies).filter(l -> !Double.isNaN(l)).sorted().toArray();
            double p50 = percentile(sorted, 0.50);
            double p99 = percentile(sorted, 0.99);
            double max = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
            System.err.printf(Locale.ROOT, "  p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d not received%n", p50, p99, max,
                    lost);
            BenchOutput.printResult(String.format(Locale.ROOT, "{\"benchmark\":\"webhooks\",\"events\":%d,"
                            + "\"endpoints\":%d,\"deliveries_per_second\":%.0f,\"receiver_ceiling_per_second\":%.0f,"
                            + "\"latency_rate_per_second\":%d,\"latency_samples\":%d,\"latency_p50_ms\":%.1f,"
                            + "\"latency_p99_ms\":%.1f,\"latency_max_ms\":%.1f,\"not_received\":%d,"
                            + "\"throughput_ok\":%b,\"latency_ok\":%b}",
                    events, endpoints, throughput, ceiling, rate, sorted.length, p50, p99, max, lost,
                    throughput >= 1000, p99 < 1000 && lost == 0));
        } finally {
            receiver.stop(0);
            receiverThreads.shutdownNow();
        }
        System.exit(0);
    }

    private static final String INSERT_ONE = """
            INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload, status)
            VALUES (?, 'import_job', gen_random_uuid()::text, 'IMPORT_JOB_COMPLETED',
                    jsonb_build_object('event_id', ?::text, 'event_type', 'IMPORT_JOB_COMPLETED', 'version', '1.0',
                        'source', 'bench', 'status', 'COMPLETED',
                        'payload', jsonb_build_object('tenant', ?::text, 'kind', 'restaurants')), 'PUBLISHED')""";

    /** {@code count} events in statements of 1,000, as the worker's per-record events are written. */
    private static void writeEvents(Connection db, String tenant, int count) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload, status)
                SELECT e.id, 'restaurant', e.n::text, 'RESTAURANT_CREATED',
                       jsonb_build_object('event_id', e.id, 'event_type', 'RESTAURANT_CREATED', 'version', '1.0',
                           'source', 'bench', 'status', 'CREATED',
                           'payload', jsonb_build_object('tenant', ?::text, 'kind', 'restaurants', 'record_id', e.n,
                               'record', jsonb_build_object('name', 'Diner ' || e.n, 'city', 'Lisbon'))), 'PUBLISHED'
                -- a volatile function in a subquery's select list: one uuid per row (an uncorrelated LATERAL
                -- subquery was evaluated once, and every row of a statement got the same id)
                FROM (SELECT n, gen_random_uuid() AS id FROM generate_series(1, ?) n) e""")) {
            for (int done = 0; done < count; done += 1000) {
                insert.setString(1, tenant);
                insert.setInt(2, Math.min(1000, count - done));
                insert.executeUpdate();
            }
        }
    }

    private static void awaitRequests(AtomicLong requests, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        long last = -1;
        long reported = System.nanoTime();
        while (requests.get() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + requests.get() + " of " + expected + " deliveries in 10 min");
            }
            if (System.nanoTime() - reported > TimeUnit.SECONDS.toNanos(5) && requests.get() != last) {
                last = requests.get();
                reported = System.nanoTime();
                System.err.printf("  %d of %d%n", last, expected);
            }
            Thread.sleep(10);
        }
    }

    /** The receiver alone: {@code count} posts of a typical body from 32 threads of this JVM. */
    private static double receiverCeiling(String url, int count) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body = "{\"event_id\": \"" + UUID.randomUUID() + "x\", \"payload\": {\"tenant\": \"none\"}}";
        AtomicLong left = new AtomicLong(count);
        ExecutorService threads = Executors.newFixedThreadPool(32);
        long start = System.nanoTime();
        for (int t = 0; t < 32; t++) {
            threads.execute(() -> {
                while (left.decrementAndGet() >= 0) {
                    try {
                        client.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(), HttpResponse.BodyHandlers.discarding());
                    } catch (IOException e) {
                        // counted as done: the ceiling is a rough baseline
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        threads.shutdown();
        threads.awaitTermination(5, TimeUnit.MINUTES);
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
