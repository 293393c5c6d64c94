package com.bulkimport.worker.inbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Remembers which events a consumer has handled. Called inside the handler's transaction: the
 * effects and the inbox row commit together, so a redelivered event finds its row and does nothing.
 */
@Component
public class Inbox {

    public static final String CONSUMER = "batch-worker";

    private final JdbcClient jdbc;

    Inbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true the first time this event is seen; the row stays only if the transaction commits */
    public boolean firstDelivery(UUID eventId) {
        return jdbc.sql("INSERT INTO inbox_messages (consumer, event_id) VALUES (:consumer, :id) ON CONFLICT DO NOTHING")
                .param("consumer", CONSUMER).param("id", eventId)
                .update() == 1;
    }

    /** A look without a lock, to skip obvious repeats before doing any work. */
    public boolean alreadyHandled(UUID eventId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM inbox_messages WHERE consumer = :consumer AND event_id = :id)")
                .param("consumer", CONSUMER).param("id", eventId)
                .query(Boolean.class).single();
    }
}
