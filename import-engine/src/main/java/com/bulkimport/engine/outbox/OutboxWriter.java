package com.bulkimport.engine.outbox;

import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;


/**
 * Appends events to {@code outbox_events} on the caller's connection, so they commit or roll back
 * with the caller's own changes. The payload column holds the whole envelope, which is what relays
 * publish (and what Debezium's outbox router would emit).
 */
public final class OutboxWriter {

    private final JdbcClient jdbc;

    public OutboxWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void append(String aggregateType, String aggregateId, EventEnvelope event) {
        jdbc.sql("""
                        INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload, trace_id, created_at)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?, clock_timestamp())""")
                .params(event.eventId(), aggregateType, aggregateId, event.eventType(), EventCodec.encode(event),
                        event.traceId())
                .update();
    }

    public void appendForJob(UUID jobId, EventEnvelope event) {
        append(EventEnvelope.JOB_AGGREGATE, jobId.toString(), event);
    }

}
