package com.bulkimport.worker.ingest;

import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.csv.ChunkedCsv;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * @param batchSize  default rows per batch (100..10,000); a job's own option wins
 * @param chunkSize  about this much of the file is read, staged and committed (with its checkpoint) at a time
 * @param lease      how long a worker's claim on an ingest lasts without a committed chunk; after that a
 *                   redelivery may take the ingest over from the checkpoint
 */
@ConfigurationProperties("bulkimport.ingest")
public record IngestProperties(int batchSize, DataSize chunkSize, Duration lease) {

    public IngestProperties {
        if (batchSize < 100 || batchSize > 10_000) {
            throw new IllegalArgumentException("bulkimport.ingest.batch-size (BATCH_SIZE) must be 100..10000, got "
                    + batchSize);
        }
        chunkSize = chunkSize == null ? DataSize.ofBytes(ChunkedCsv.CHUNK_BYTES) : chunkSize;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
    }

    public int batchSizeFor(ImportOptions options) {
        return options.batchSize() != null ? options.batchSize() : batchSize;
    }
}
