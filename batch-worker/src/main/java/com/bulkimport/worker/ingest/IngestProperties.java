package com.bulkimport.worker.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param batchSize        default rows per batch (100..10,000); a job's own option wins
 * @param progressInterval how often the rows-read counter is written while a file streams in
 */
@ConfigurationProperties("bulkimport.ingest")
public record IngestProperties(int batchSize, Duration progressInterval) {

    public int batchSizeFor(com.bulkimport.model.ImportOptions options) {
        return options.batchSize() != null ? options.batchSize() : batchSize;
    }

    public IngestProperties {
        if (batchSize < 100 || batchSize > 10_000) {
            throw new IllegalArgumentException("bulkimport.ingest.batch-size (BATCH_SIZE) must be 100..10000, got "
                    + batchSize);
        }
    }
}
