package com.bulkimport.worker.retention;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How long what an import leaves behind is kept (the outbox has its own retention, in the relay).
 *
 * @param enabled       sweep at all
 * @param interval      how often a sweep runs (one instance at a time sweeps)
 * @param finishedJobs  a finished job (completed, failed, cancelled) goes after this long, with its batches,
 *                      row errors (its error report), leftover staging rows and uploaded file
 * @param inbox         processed-message records older than this go: no queue keeps a message that long
 * @param deadLetters   recorded dead letters (redriven or not) older than this go
 * @param notifications webhook deliveries (with their attempts) and mails that are no longer PENDING go this long
 *                      after they ended; a PENDING one never goes
 * @param deleteUploads delete the uploaded file with its job; off where the bucket's lifecycle rule does it (AWS)
 * @param batchSize     jobs (and deliveries, mails) per transaction, so a large backlog never holds locks for long
 * @param recordHistory what imports changed ({@code record_history}) is kept this long: an import older than that can
 *                      no longer be reverted
 */
@ConfigurationProperties("bulkimport.retention")
public record RetentionProperties(boolean enabled, Duration interval, Duration finishedJobs, Duration inbox,
                                  Duration deadLetters, Duration notifications, boolean deleteUploads,
                                  int batchSize, Duration recordHistory) {

    public RetentionProperties {
        interval = interval == null ? Duration.ofHours(1) : interval;
        finishedJobs = finishedJobs == null ? Duration.ofDays(30) : finishedJobs;
        inbox = inbox == null ? Duration.ofDays(30) : inbox;
        deadLetters = deadLetters == null ? Duration.ofDays(30) : deadLetters;
        notifications = notifications == null ? Duration.ofDays(30) : notifications;
        batchSize = batchSize <= 0 ? 500 : batchSize;
        recordHistory = recordHistory == null ? Duration.ofDays(30) : recordHistory;
    }
}
