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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * What this machine allows a drain at most, measured beside it: the two halves of the relay's work
 * done bare. PostgreSQL marking the rows published with the relay's own statement (1,000 ids a
 * statement, on as many connections as the relay has threads, no claim, no transport), and a bare
 * Kafka producer with the relay's settings (idempotent, acks=all) sending the same records.
 */
final class DrainLimits {

    private DrainLimits() {
    }

    /**
     * Marks every pending row published, in creation order, {@code threads} connections side by side
     * each with its own run of ids. @return rows per second
     */
    static double markRate(String jdbcUrl, String user, String password, int threads) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
             PreparedStatement query = db.prepareStatement(
                     "SELECT id FROM outbox_events WHERE status = 'PENDING' ORDER BY seq")) {
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        int perStatement = 1000;
        long start = System.nanoTime();
        List<CompletableFuture<Void>> markers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            markers.add(CompletableFuture.runAsync(() -> {
                try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
                     PreparedStatement mark = db.prepareStatement("""
                             UPDATE outbox_events SET status = 'PUBLISHED', published_at = clock_timestamp(),
                                    last_error = NULL
                             WHERE id = ANY (?)
                             RETURNING id, published_at""")) {
                    // round-robin runs of 1,000, as the relay's threads take alternate claims
                    for (int from = thread * perStatement; from < ids.size(); from += threads * perStatement) {
                        Array array = db.createArrayOf("uuid",
                                ids.subList(from, Math.min(ids.size(), from + perStatement)).toArray());
                        mark.setArray(1, array);
                        try (ResultSet rs = mark.executeQuery()) {
                            while (rs.next()) {
                                rs.getTimestamp(2);
                            }
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        markers.forEach(CompletableFuture::join);
        return ids.size() / ((System.nanoTime() - start) / 1e9);
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

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
