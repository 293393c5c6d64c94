package com.bulkimport.bench;

import com.bulkimport.local.embedded.KafkaBroker;
import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.PostgresServer;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * bench/relay: commit → publish latency of the outbox relay under an offered load (1,000 events/s
 * for 30 s, each event its own transaction), woken by NOTIFY and then polling only; the throughput of
 * draining 100,000 work events (written in 1,000-row transactions) through Kafka, and through SQS; and
 * the drain of the backlog a 1,000,000-row product import leaves (one record event per row, written by
 * the worker's own statement, {@link RecordBacklog}) through Kafka, beside what the machine allows at
 * most for it ({@link DrainLimits}: PostgreSQL reading those rows and marking them published bare, a bare
 * Kafka producer sending them, and the ceiling the three make when they share the processors). Real
 * servers on loopback: embedded PostgreSQL, the local PutEvents endpoint and ElasticMQ, a KRaft Kafka
 * broker. Each phase starts on an empty outbox table (TRUNCATE), so no
 * phase inherits another's dead rows. Prints progress on stderr and one JSON line last on stdout.
 *
 * <p>Latency is the row's {@code published_at} (set by the relay right after the transport
 * acknowledged) minus the moment the writer's commit returned, both on this machine's clock.
 */
public final class RelayBench {

    private static final String TYPE = "IMPORT_BATCH_READY";
    /**
     * The latency phases' event. On EventBridge by default one routed by no rule: the local PutEvents endpoint
     * delivers routed events to ElasticMQ inside the call (EventBridge does it after answering), and on
     * two cores that hop's CPU would be counted as the relay's; LATENCY_EVENT_TYPE=IMPORT_BATCH_READY
     * counts it anyway. On SQS and Kafka IMPORT_BATCH_READY (work): the relay sends an event for nobody
     * nowhere, which would measure nothing.
     */
    private static final String LATENCY_TYPE = System.getenv("LATENCY_EVENT_TYPE");

    /** PHASES=latency,poll,kafka,sqs,drain (the default: all of them, in that order). */
    private static final Set<String> PHASES = Set.of(
            System.getenv().getOrDefault("PHASES", "latency,poll,kafka,sqs,drain").split(","));

    private RelayBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOutput.reserve();
        int rate = intEnv("RATE", 1000);
        int seconds = intEnv("SECONDS", 30);
        int throughputEvents = intEnv("EVENTS", 100_000);
        int drainEvents = intEnv("DRAIN_EVENTS", 1_000_000);
        double loadAtStart = loadAverage();
        // measured as the tests run it: without waiting for the disk (the data is thrown away)
        LocalInfra infra = LocalInfra.start(Files.createTempDirectory("bench-relay-"), LocalInfra.Ports.ANY,
                PostgresServer.Durability.THROWAWAY).stopOnExit();
        KafkaBroker kafka = KafkaBroker.start(6);
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            if (!PHASES.contains("latency") && !PHASES.contains("poll")) {
                // the relay's start migrates the schema; the latency phases are otherwise the first to start one
                RelayProcess.start(infra, Map.of("bulkimport.relay.enabled", "false")).close();
            }
            if (PHASES.contains("latency") || PHASES.contains("poll")) {
                Map<String, String> latencyTransport = latencyTransport(infra, kafka);
                int warmUp = intEnv("WARMUP_SECONDS", 20);
                if (PHASES.contains("latency")) {
                    double[] notify = latency(infra, rate, warmUp, seconds, latencyTransport);
                    System.err.printf("NOTIFY: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", notify[0], notify[1],
                            notify[2]);
                    result.put("p50_ms", round(notify[0]));
                    result.put("p99_ms", round(notify[1]));
                }
                if (PHASES.contains("poll")) {
                    Map<String, String> pollOnlyTransport = new LinkedHashMap<>(latencyTransport);
                    pollOnlyTransport.put("bulkimport.relay.listen.enabled", "false");
                    double[] pollOnly = latency(infra, rate, warmUp, seconds, pollOnlyTransport);
                    System.err.printf("poll only (every 1 s): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", pollOnly[0],
                            pollOnly[1], pollOnly[2]);
                    result.put("poll_only_p99_ms", round(pollOnly[1]));
                }
            }
            if (PHASES.contains("kafka")) {
                kafka.createTopic("bench-relay", Map.of());
                double kafkaRate = throughput(infra, throughputEvents, Map.of(
                        "bulkimport.relay.transport", "kafka",
                        "bulkimport.relay.kafka.bootstrap-servers", kafka.bootstrapServers(),
                        "bulkimport.relay.kafka.topic", "bench-relay"));
                System.err.printf("kafka: %,.0f events/s%n", kafkaRate);
                result.put("kafka_events_per_s", Math.round(kafkaRate));
            }
            if (PHASES.contains("sqs")) {
                String queueUrl;
                try (SqsClient sqs = infra.sqs().client()) {
                    queueUrl = sqs.createQueue(b -> b.queueName("bench-relay")).queueUrl();
                }
                double sqsRate = throughput(infra, throughputEvents, Map.of(
                        "bulkimport.relay.transport", "sqs",
                        "bulkimport.relay.sqs.queue-url", queueUrl));
                System.err.printf("sqs: %,.0f events/s%n", sqsRate);
                result.put("sqs_events_per_s", Math.round(sqsRate));
            }
            if (PHASES.contains("drain")) {
                result.putAll(drain(infra, kafka, drainEvents));
            }
            result.put("load_1m_start", loadAtStart);
            result.put("load_1m_end", loadAverage());
        } finally {
            kafka.close();
            infra.close();
        }
        BenchOutput.printResult(json(result)); // last, after the servers' shutdown lines
        System.exit(0);
    }

    /**
     * The backlog of a {@code events}-row product import, drained through Kafka by a fresh relay; before it,
     * on the same machine and the same rows, PostgreSQL marking them published bare, and a bare producer.
     */
    private static Map<String, Object> drain(LocalInfra infra, KafkaBroker kafka, int events) throws Exception {
        int threads = Integer.parseInt(System.getenv().getOrDefault("RELAY_THREADS", "2"));
        Map<String, Object> result = new LinkedHashMap<>();
        double readRate;
        double markRate;
        try (Connection db = connect(infra)) {
            settle(db);
            long start = System.nanoTime();
            RecordBacklog.write(db, events);
            System.err.printf("wrote %,d record events in %.1f s%n", events, (System.nanoTime() - start) / 1e9);
            readRate = DrainLimits.readRate(infra.postgres().jdbcUrl(), infra.postgres().user(),
                    infra.postgres().password(), threads);
            System.err.printf("PostgreSQL reads them as a claim does, bare, at %,.0f rows/s (%d connections)%n",
                    readRate, threads);
            markRate = DrainLimits.markRate(infra.postgres().jdbcUrl(), infra.postgres().user(),
                    infra.postgres().password(), threads);
            System.err.printf("PostgreSQL marks them published bare at %,.0f rows/s (%d connections)%n", markRate,
                    threads);

            settle(db);
            start = System.nanoTime();
            RecordBacklog.write(db, events);
            System.err.printf("wrote %,d record events again in %.1f s%n", events, (System.nanoTime() - start) / 1e9);
            kafka.createTopic("bench-producer", Map.of());
            double producerRate = DrainLimits.producerRate(kafka.bootstrapServers(), "bench-producer",
                    RecordBacklog.read(db, Math.min(events, 100_000)), events);
            System.err.printf("a bare Kafka producer sends them at %,.0f records/s%n", producerRate);

            kafka.createTopic("bench-drain.records.product", Map.of()); // the relay would create it, with the same count
            resetStatements(db);
            start = System.nanoTime();
            Map<String, String> settings = new LinkedHashMap<>(Map.of(
                    "bulkimport.relay.transport", "kafka",
                    "bulkimport.relay.kafka.bootstrap-servers", kafka.bootstrapServers(),
                    "bulkimport.relay.kafka.topic", "bench-drain.work",
                    "bulkimport.relay.kafka.records-topic-prefix", "bench-drain.records.",
                    "bulkimport.relay.kafka.jobs-topic", "bench-drain.jobs"));
            settings.put("bulkimport.relay.batch-size", System.getenv().getOrDefault("RELAY_BATCH_SIZE", "1000"));
            settings.put("bulkimport.relay.threads", Integer.toString(threads));
            try (RelayProcess relay = RelayProcess.start(infra, settings)) {
                awaitPublished(db, events);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double drainRate = rateAfterWarmUp(db, events);
            System.err.printf("kafka drain of %,d record events: %,.0f events/s (all of it, relay start included,"
                    + " in %.1f s)%n", events, drainRate, seconds);
            printStatements(db);
            result.put("drain_events", events);
            result.put("kafka_drain_events_per_s", Math.round(drainRate));
            result.put("postgres_mark_rows_per_s", Math.round(markRate));
            result.put("kafka_producer_records_per_s", Math.round(producerRate));
            double ceiling = DrainLimits.ceiling(readRate, markRate, producerRate);
            System.err.printf("all three on the same processors: at most %,.0f events/s%n", ceiling);
            result.put("postgres_read_rows_per_s", Math.round(readRate));
            result.put("drain_ceiling_events_per_s", Math.round(ceiling));
            result.put("drain_vs_ceiling", Math.round(drainRate / ceiling * 100) / 100.0);
            result.put("drain_vs_mark", Math.round(drainRate / markRate * 100) / 100.0);
            result.put("drain_vs_producer", Math.round(drainRate / producerRate * 100) / 100.0);
            settle(db);
        }
        return result;
    }

    /** The latency phases' transport: LATENCY_TRANSPORT=eventbridge (the default), sqs or kafka. */
    private static Map<String, String> latencyTransport(LocalInfra infra, KafkaBroker kafka) {
        String transport = System.getenv().getOrDefault("LATENCY_TRANSPORT", "eventbridge");
        System.err.println("latency through " + transport);
        return switch (transport) {
            case "eventbridge" -> Map.of("bulkimport.relay.transport", "eventbridge");
            case "sqs" -> {
                try (SqsClient sqs = infra.sqs().client()) {
                    yield Map.of("bulkimport.relay.transport", "sqs", "bulkimport.relay.sqs.queue-url",
                            sqs.createQueue(b -> b.queueName("bench-latency")).queueUrl());
                }
            }
            case "kafka" -> {
                kafka.createTopic("bench-latency", Map.of());
                yield Map.of("bulkimport.relay.transport", "kafka",
                        "bulkimport.relay.kafka.bootstrap-servers", kafka.bootstrapServers(),
                        "bulkimport.relay.kafka.topic", "bench-latency");
            }
            default -> throw new IllegalArgumentException("LATENCY_TRANSPORT is eventbridge, sqs or kafka, not "
                    + transport);
        };
    }

    /**
     * Offers {@code rate} events/s for {@code warmUp + seconds} seconds to a fresh relay and measures
     * the last {@code seconds}: the JIT compiles the SDK, Jackson and the relay's own code first, and on
     * two cores that takes a core for a while; counting it would measure the compiler, not the relay.
     *
     * @return p50, p99 and max in milliseconds
     */
    private static double[] latency(LocalInfra infra, int rate, int warmUp, int seconds, Map<String, String> transport)
            throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(transport);
        settings.put("bulkimport.relay.threads", System.getenv().getOrDefault("LATENCY_THREADS", "1"));
        String type = LATENCY_TYPE != null ? LATENCY_TYPE
                : "eventbridge".equals(transport.get("bulkimport.relay.transport")) ? "IMPORT_BATCH_COMPLETED"
                : TYPE;
        try (RelayProcess relay = RelayProcess.start(infra, settings);
             Connection db = connect(infra)) {
            settle(db);
            resetStatements(db);
            int skipped = rate * warmUp;
            int events = rate * (warmUp + seconds);
            Map<UUID, Instant> committed = new HashMap<>(events * 2);
            long intervalNanos = 1_000_000_000L / rate;
            long start = System.nanoTime();
            try (PreparedStatement insert = db.prepareStatement(INSERT)) {
                for (int i = 0; i < events; i++) {
                    LockSupport.parkNanos(start + i * intervalNanos - System.nanoTime());
                    UUID id = UUID.randomUUID();
                    bind(insert, id, "bench-latency-" + (i % 100), type);
                    insert.executeUpdate(); // autocommit: one transaction, one NOTIFY
                    if (i >= skipped) {
                        committed.put(id, Instant.now());
                    }
                }
            }
            double offered = events / ((System.nanoTime() - start) / 1e9);
            System.err.printf("offered %,.0f events/s for %d s (the first %d s not counted)%n", offered,
                    warmUp + seconds, warmUp);
            awaitPublished(db, events);
            printStatements(db);
            double[] latencies = new double[committed.size()];
            double[][] byWindow = new double[seconds / 5 + 1][committed.size()];
            int[] inWindow = new int[byWindow.length];
            Instant first = committed.values().stream().min(Instant::compareTo).orElseThrow();
            int n = 0;
            // LATENCY_DUMP=FILE: every counted event as "committed (epoch ms), latency ms", to find stalls
            String dumpTo = System.getenv("LATENCY_DUMP");
            StringBuilder dump = new StringBuilder();
            try (Statement query = db.createStatement();
                 ResultSet rs = query.executeQuery("SELECT id, published_at FROM outbox_events"
                         + " WHERE aggregateid LIKE 'bench-latency-%' AND status = 'PUBLISHED'")) {
                while (rs.next()) {
                    Instant at = committed.get(rs.getObject(1, UUID.class));
                    if (at != null) {
                        Instant published = rs.getTimestamp(2).toInstant();
                        double latency = (published.toEpochMilli() - at.toEpochMilli())
                                + (published.getNano() % 1_000_000 - at.getNano() % 1_000_000) / 1e6;
                        latencies[n++] = latency;
                        if (dumpTo != null) {
                            dump.append(at.toEpochMilli()).append(',').append(latency).append('\n');
                        }
                        int window = (int) Math.min(byWindow.length - 1,
                                (at.toEpochMilli() - first.toEpochMilli()) / 5000);
                        byWindow[window][inWindow[window]++] = latency;
                    }
                }
            }
            if (dumpTo != null) {
                Files.writeString(Path.of(dumpTo + "-" + transport.getOrDefault("bulkimport.relay.listen.enabled", "true")
                        + ".csv"), dump);
            }
            try (Statement cleanup = db.createStatement()) {
                cleanup.execute("DELETE FROM outbox_events WHERE aggregateid LIKE 'bench-latency-%'");
            }
            for (int w = 0; w < byWindow.length; w++) {
                if (inWindow[w] > 0) {
                    double[] window = Arrays.copyOf(byWindow[w], inWindow[w]);
                    Arrays.sort(window);
                    System.err.printf("  committed at %2d-%2d s: %,d events, p50 %.1f ms, p99 %.1f ms%n", w * 5,
                            w * 5 + 5, window.length, percentile(window, 0.50), percentile(window, 0.99));
                }
            }
            double[] sorted = Arrays.copyOf(latencies, n);
            Arrays.sort(sorted);
            return new double[] {percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1]};
        }
    }

    /** Writes {@code events} with the relay stopped, then times the relay draining them. */
    private static double throughput(LocalInfra infra, int events, Map<String, String> transport) throws Exception {
        try (Connection db = connect(infra)) {
            settle(db);
            db.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement insert = db.prepareStatement(INSERT)) {
                for (int i = 0; i < events; i++) {
                    bind(insert, UUID.randomUUID(), "bench-throughput-" + (i % 1000), TYPE);
                    insert.addBatch();
                    if ((i + 1) % 1000 == 0) {
                        insert.executeBatch();
                        db.commit(); // 1,000-row transactions, as the batch cutter writes them
                    }
                }
                insert.executeBatch();
                db.commit();
            }
            db.setAutoCommit(true);
            System.err.printf("wrote %,d events in %.1f s%n", events, (System.nanoTime() - start) / 1e9);
            Map<String, String> settings = new LinkedHashMap<>(transport);
            settings.put("bulkimport.relay.batch-size", System.getenv().getOrDefault("RELAY_BATCH_SIZE", "1000"));
            settings.put("bulkimport.relay.threads", System.getenv().getOrDefault("RELAY_THREADS", "2"));
            resetStatements(db);
            try (RelayProcess relay = RelayProcess.start(infra, settings)) {
                awaitPublished(db, events);
            }
            printStatements(db);
            return rateAfterWarmUp(db, events);
        }
    }

    /** Events per second of the outbox's published rows, not counting the first fifth (the fresh relay's JIT). */
    private static double rateAfterWarmUp(Connection db, int events) throws Exception {
        int warmUp = events / 5;
        try (PreparedStatement query = db.prepareStatement("""
                WITH out AS (SELECT published_at FROM outbox_events WHERE status = 'PUBLISHED')
                SELECT count(*) FILTER (WHERE published_at >= (SELECT published_at FROM out
                                                              ORDER BY published_at OFFSET ? LIMIT 1)),
                       extract(epoch FROM max(published_at)
                           - (SELECT published_at FROM out ORDER BY published_at OFFSET ? LIMIT 1))
                FROM out""")) {
            query.setInt(1, warmUp);
            query.setInt(2, warmUp);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1) / rs.getDouble(2);
            }
        }
    }

    private static final String INSERT = """
            INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload, trace_id, created_at)
            VALUES (?, 'import_job', ?, ?, ?::jsonb, ?, clock_timestamp())""";

    /** An envelope of about 400 bytes, like an IMPORT_BATCH_READY. */
    private static void bind(PreparedStatement insert, UUID id, String aggregate, String type) throws Exception {
        String trace = "trace-" + id;
        insert.setObject(1, id);
        insert.setString(2, aggregate);
        insert.setString(3, type);
        insert.setString(4, "{\"event_id\":\"" + id + "\",\"timestamp\":\"" + Instant.now() + "\",\"event_type\":\""
                + type + "\",\"source\":\"bulk-import.batch-worker\",\"version\":\"1.0\",\"trace_id\":\"" + trace
                + "\",\"status\":\"PENDING\",\"payload\":{\"job_id\":\"" + aggregate + "\",\"batch_id\":\""
                + UUID.randomUUID() + "\",\"seq\":1,\"first_row\":1,\"row_count\":1000}}");
        insert.setString(5, trace);
    }

    /**
     * Until no row is pending. A cheap look (the first pending row, along the relay's own index) every quarter
     * of a second: counting the pending rows read them all, a core's worth of work on a million-row backlog,
     * taken from the relay it measures.
     */
    private static void awaitPublished(Connection db, int events) throws Exception {
        long deadline = System.nanoTime() + 1_200_000_000_000L;
        try (PreparedStatement pending = db.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM outbox_events WHERE status = 'PENDING')")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = pending.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return;
                    }
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the relay did not publish " + events + " events within 20 minutes");
    }

    /** RELAY_STATEMENTS=1: where PostgreSQL spent its time during each phase (pg_stat_statements), on stderr. */
    private static void resetStatements(Connection db) throws Exception {
        if (System.getenv("RELAY_STATEMENTS") != null) {
            try (Statement statement = db.createStatement()) {
                statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                statement.execute("SELECT pg_stat_statements_reset()");
            }
        }
    }

    private static void printStatements(Connection db) throws Exception {
        if (System.getenv("RELAY_STATEMENTS") == null) {
            return;
        }
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT calls, round(total_exec_time) AS ms,"
                     + " round((total_exec_time / calls)::numeric, 1) AS mean, round(max_exec_time) AS max,"
                     + " left(regexp_replace(query, '\\s+', ' ', 'g'), 110) FROM pg_stat_statements"
                     + " ORDER BY total_exec_time DESC LIMIT 12")) {
            System.err.println("  calls  total ms  mean ms  max ms  statement");
            while (rs.next()) {
                System.err.printf("%7d %9d %8s %7d  %s%n", rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5));
            }
        }
    }

    /** The machine's 1-minute load average (other work on it shows in every figure). */
    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (Exception e) {
            return -1;
        }
    }

    private static Connection connect(LocalInfra infra) throws Exception {
        return DriverManager.getConnection(infra.postgres().jdbcUrl(), infra.postgres().user(),
                infra.postgres().password());
    }

    /** An empty outbox for each phase: it counts only its own events, and inherits no dead rows. */
    private static void settle(Connection db) throws Exception {
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(true);
        try (Statement statement = db.createStatement()) {
            statement.execute("TRUNCATE outbox_events");
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static String json(Map<String, Object> values) {
        StringBuilder out = new StringBuilder("{");
        values.forEach((key, value) -> out.append(out.length() > 1 ? ", " : "").append('"').append(key).append("\": ")
                .append(value));
        return out.append('}').toString();
    }
}
