package com.bulkimport.relay.retention;

import com.bulkimport.relay.outbox.RelayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes PUBLISHED rows older than the retention period; DEAD rows stay until an operator replays or
 * purges them. Deletes go in small batches, each its own short transaction, and take only row locks,
 * skipping rows someone else holds: writers, relays and other sweepers never wait on a sweep, and
 * the table is never locked as a whole.
 */
@Component
public class RetentionSweeper {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

    private final JdbcTemplate jdbc;
    private final RelayProperties.Retention retention;

    @org.springframework.beans.factory.annotation.Autowired
    RetentionSweeper(JdbcTemplate jdbc, RelayProperties properties) {
        this(jdbc, properties.retention());
    }

    RetentionSweeper(JdbcTemplate jdbc, RelayProperties.Retention retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "${bulkimport.relay.retention.interval:1m}",
            initialDelayString = "${bulkimport.relay.retention.interval:1m}")
    void scheduled() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("outbox retention sweep failed, trying again next time: {}", e.toString());
        }
    }

    /** @return rows deleted */
    public long sweep() {
        long seconds = retention.period().toSeconds();
        long deleted = 0;
        int batch;
        do {
            // autocommit: every batch commits on its own and releases its locks at once
            batch = jdbc.update("""
                    DELETE FROM outbox_events WHERE id IN (
                        SELECT id FROM outbox_events
                        WHERE status = 'PUBLISHED' AND published_at < now() - make_interval(secs => ?)
                        ORDER BY published_at
                        LIMIT ?
                        FOR UPDATE SKIP LOCKED)""", (double) seconds, retention.batchSize());
            deleted += batch;
        } while (batch == retention.batchSize());
        if (deleted > 0) {
            log.info("deleted {} outbox rows published more than {} ago", deleted, retention.period());
        }
        return deleted;
    }
}
