package com.bulkimport.api.importjob;

import com.bulkimport.model.ImportOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code bulkimport.ingest.*} as the API's inline imports read it (the worker reads the same key for files).
 *
 * @param batchSize rows per batch when the job's options name none
 */
@ConfigurationProperties("bulkimport.ingest")
record InlineBatchProperties(@DefaultValue("" + ImportOptions.DEFAULT_BATCH_SIZE) int batchSize) {
}
