package com.bulkimport.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * What this machine allows a drain at most, measured beside it: the three parts of the relay's work
 * done bare. PostgreSQL reading the rows as a claim does and marking them published with the relay's
 * own statement (1,000 rows a statement, on as many connections as the relay has threads, no lock, no
 * transport), and a bare Kafka producer with the relay's settings (idempotent, acks=all) sending the
 * same records. Each is measured alone with the whole machine to itself; a drain does all three on the
 * same cores, so where each is bound by the processors its rate is at most {@code 1 / (1/read + 1/mark
 * + 1/producer)} ({@link #ceiling}).
 */
final class DrainLimits {

    private DrainLimits() {
    }

    /**
     * Reads every pending row as a claim reads it (the relay's columns, the payload as text), in runs of 1,000
     * in creation order, {@code threads} connections side by side: no lock, no order test. @return rows per second
     */
    static double readRate(String jdbcUrl, String user, String password, int threads) throws Exception {
        return inRuns(jdbcUrl, user, password, threads, """
                SELECT id, aggregatetype, aggregateid, type, payload::text, trace_id, attempts, created_at, seq
                FROM outbox_events WHERE status = 'PENDING' AND seq = ANY (?)
                ORDER BY seq""");
    }

    /**
     * Marks every pending row published with the relay's own statement, in creation order, {@code threads}
     * connections side by side each with its own runs of 1,000. @return rows per second
     */
    static double markRate(String jdbcUrl, String user, String password, int threads) throws Exception {
        return inRuns(jdbcUrl, user, password, threads, """
                UPDATE outbox_events SET status = 'PUBLISHED', published_at = clock_timestamp(), last_error = NULL
                WHERE seq = ANY (?) AND status = 'PENDING'
                RETURNING id, published_at""");
    }

    /** Runs {@code statement} over every pending row's seq, 1,000 a statement, round-robin over the connections. */
    private static double inRuns(String jdbcUrl, String user, String password, int threads, String statement)
            throws Exception {
        List<Long> seqs = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
             PreparedStatement query = db.prepareStatement(
                     "SELECT seq FROM outbox_events WHERE status = 'PENDING' ORDER BY seq")) {
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                }
            }
        }
        int perStatement = 1000;
        long start = System.nanoTime();
        List<CompletableFuture<Void>> runners = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            runners.add(CompletableFuture.runAsync(() -> {
                try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
                     PreparedStatement run = db.prepareStatement(statement)) {
                    // round-robin runs of 1,000, as the relay's threads take alternate claims
                    for (int from = thread * perStatement; from < seqs.size(); from += threads * perStatement) {
                        Array array = db.createArrayOf("bigint",
                                seqs.subList(from, Math.min(seqs.size(), from + perStatement)).toArray());
                        run.setArray(1, array);
                        try (ResultSet rs = run.executeQuery()) {
                            while (rs.next()) {
                                rs.getString(1);
                                rs.getString(2);
                            }
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        runners.forEach(CompletableFuture::join);
        return seqs.size() / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Sends {@code events} records to {@code topic}, cycling through {@code rows}: key = aggregate id, the
     * relay's headers, all in flight at once and one flush at the end. @return records per second
     */
    static double producerRate(String bootstrapServers, String topic, List<RecordBacklog.Row> rows, int events)
            throws ExecutionException, InterruptedException {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            // connect and fetch the topic's metadata before the clock starts
            producer.partitionsFor(topic);
            long start = System.nanoTime();
            Future<?> last = null;
            for (int i = 0; i < events; i++) {
                RecordBacklog.Row row = rows.get(i % rows.size());
                RecordHeaders headers = new RecordHeaders();
                headers.add("event_type", utf8(row.type()));
                headers.add("trace_id", utf8(row.traceId()));
                headers.add("event_id", utf8(row.id().toString()));
                headers.add("aggregate_type", utf8(row.aggregateType()));
                last = producer.send(new ProducerRecord<>(topic, null, row.aggregateId(), row.payload(), headers));
            }
            producer.flush();
            if (last != null) {
                last.get();
            }
            return events / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** The most a drain can do when it does all three on the same processors: their times per event add up. */
    static double ceiling(double readRate, double markRate, double producerRate) {
        return 1 / (1 / readRate + 1 / markRate + 1 / producerRate);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
