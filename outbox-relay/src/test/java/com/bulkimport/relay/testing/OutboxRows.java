package com.bulkimport.relay.testing;

import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventCodec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Writes and reads outbox rows the way the services do, for tests on the shared database. */
public final class OutboxRows {

    public static final String SOURCE = "bulk-import.import-api";

    private final JdbcClient jdbc;

    public OutboxRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static EventEnvelope envelope(String type, Map<String, Object> payload) {
        return new EventEnvelope(UUID.randomUUID(), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                type, SOURCE, EventEnvelope.CURRENT_VERSION, "trace-" + UUID.randomUUID(), "PENDING", payload);
    }

    /** One event of {@code aggregate} (an import job), in its own transaction, as a writer would. */
    public EventEnvelope write(String type, String aggregate, Map<String, Object> payload) {
        EventEnvelope event = envelope(type, payload);
        append(jdbc, aggregate, event);
        return event;
    }

    /** One event of an imported record (outbox aggregate: the record family, the record id), as the apply writes it. */
    public EventEnvelope writeRecordEvent(String type, String record, String recordId) {
        EventEnvelope event = envelope(type, Map.of("record_id", recordId, "kind", record));
        jdbc.sql("""
                        INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload, trace_id, created_at)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?, clock_timestamp())""")
                .params(event.eventId(), record, recordId, event.eventType(), EventCodec.encode(event), event.traceId())
                .update();
        return event;
    }

    /** Many events in one transaction (one NOTIFY), as the batch cutter writes them. */
    public List<EventEnvelope> writeInOneTransaction(TransactionTemplate tx, List<String> aggregates, String type,
                                                     int payloadBytes) {
        List<EventEnvelope> events = new ArrayList<>(aggregates.size());
        tx.executeWithoutResult(status -> {
            for (String aggregate : aggregates) {
                EventEnvelope event = envelope(type, Map.of("aggregate", aggregate, "pad", "x".repeat(payloadBytes)));
                append(jdbc, aggregate, event);
                events.add(event);
            }
        });
        return events;
    }

    /** An event of a job, on the caller's transaction, as the services' outbox writer appends it. */
    public static void append(JdbcClient jdbc, String jobId, EventEnvelope event) {
        jdbc.sql("""
                        INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload, trace_id, created_at)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?, clock_timestamp())""")
                .params(event.eventId(), EventEnvelope.JOB_AGGREGATE, jobId, event.eventType(), EventCodec.encode(event),
                        event.traceId())
                .update();
    }

    /** A row whose payload is any JSON, even one no transport accepts. */
    public UUID writeRaw(String type, String aggregate, String payloadJson) {
        return writeRaw(type, aggregate, payloadJson, "trace-raw");
    }

    /** A row with any JSON payload and any trace id, even ones no transport accepts. */
    public UUID writeRaw(String type, String aggregate, String payloadJson, String traceId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload, trace_id)
                        VALUES (:id, 'import_job', :aggregate, :type, :payload::jsonb, :traceId)""")
                .param("id", id).param("aggregate", aggregate).param("type", type)
                .param("payload", payloadJson.replace("$ID", id.toString())).param("traceId", traceId)
                .update();
        return id;
    }

    /** Leaves nothing pending from earlier tests, so a test's counts are its own. */
    public void settleEverythingPending() {
        jdbc.sql("UPDATE outbox_events SET status = 'PUBLISHED', published_at = now() WHERE status = 'PENDING'").update();
    }

    public String status(UUID id) {
        return jdbc.sql("SELECT status FROM outbox_events WHERE id = :id").param("id", id).query(String.class).single();
    }

    public Map<String, Object> row(UUID id) {
        return jdbc.sql("SELECT * FROM outbox_events WHERE id = :id").param("id", id).query().singleRow();
    }

    public long count(String status, List<UUID> ids) {
        return jdbc.sql("SELECT count(*) FROM outbox_events WHERE status = :status AND id IN (:ids)")
                .param("status", status).param("ids", ids).query(Long.class).single();
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
