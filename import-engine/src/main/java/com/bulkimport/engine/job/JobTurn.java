package com.bulkimport.engine.job;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;

/**
 * A queue in front of a job's row lock, for the two that take turns on it all the time: an ingest commits chunk
 * after chunk, each holding the job row from its fence to its commit, and an owner's cancel or pause waits for it.
 * A row lock is no queue: the ingest's next chunk takes the row again the moment the last one commits, before the
 * woken waiter can, and a fast ingest kept a pause waiting for a dozen chunks. A transaction-scoped advisory lock
 * is queued fairly (a new request waits behind one already waiting), so the owner's action gets the next turn.
 * Taken before the row lock, always in this order, by {@code JobMoves.lock} and the worker's chunk fence.
 */
public final class JobTurn {

    private JobTurn() {
    }

    /** Waits for the job's turn, held until the transaction ends. */
    public static void take(JdbcClient jdbc, UUID jobId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:job, 0))").param("job", jobId.toString())
                .query((rs, n) -> 1).list();
    }
}
