package com.bulkimport.worker.sweeper;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param interval        how often a sweep runs (one instance at a time sweeps)
 * @param stuckAfter      a job without progress this long has lost its messages or its worker
 * @param maxRequeues     sends of the same stuck work before the job fails instead
 * @param previewExpiry   a dry run nobody confirmed is discarded after this long
 * @param uploadGrace     after the upload URL expired, how long to wait for a start before failing the job
 */
@ConfigurationProperties("bulkimport.sweeper")
public record SweeperProperties(boolean enabled, Duration interval, Duration stuckAfter, int maxRequeues,
                                Duration previewExpiry, Duration uploadGrace) {
}
