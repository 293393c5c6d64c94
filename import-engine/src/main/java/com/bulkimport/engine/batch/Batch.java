package com.bulkimport.engine.batch;

import java.util.UUID;

/** One batch of a job: its staged rows are those with {@code batch_seq = seq}. */
public record Batch(UUID id, int seq, int rowCount) {
}
