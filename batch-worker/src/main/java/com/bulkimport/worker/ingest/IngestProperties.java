package com.bulkimport.worker.ingest;

import com.bulkimport.model.csv.ChunkedCsv;
import com.bulkimport.model.csv.InflateLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * @param batchSize  default rows per batch (100..10,000); a job's own option wins
 * @param chunkSize  about this much of the file is read, staged and committed (with its checkpoint) at a time
 * @param lease      how long a worker's claim on an ingest lasts without a committed chunk; after that a
 *                   redelivery may take the ingest over from the checkpoint
 * @param maxDecompressedSize   most text one file may hold once decompressed (INGEST_MAX_DECOMPRESSED_SIZE)
 * @param maxCompressionRatio   most decompressed bytes per gzip byte (INGEST_MAX_COMPRESSION_RATIO), checked once
 *                              {@code compressionRatioAfter} of text is read: well past what CSV compresses to
 *                              (5-20 times), well below a bomb's thousandfold
 * @param compressionRatioAfter how much text is read before the ratio counts (a short file may compress very well)
 * @param maxRows               most data rows of one file (INGEST_MAX_ROWS)
 * @param applyWhileReading     release each batch as soon as its rows are staged, so that it applies while the
 *                              rest of the file is read (APPLY_WHILE_READING, default true; off: every batch
 *                              waits for the end of the file, as before)
 * @param maxRowsAhead          rows a read beside its apply may be ahead of it (staged and not yet applied; at
 *                              least a batch) before it waits for the apply (INGEST_MAX_ROWS_AHEAD, default
 *                              100,000; 0: no bound): what bounds a job's staged rows, whatever its file's size
 *                              ({@link ReadAhead})
 * @param aheadPatience         how long such a read waits for an apply that applies no batch before it reads on
 *                              anyway (default 30 s; 0: it never waits)
 * @param reopenAfterHold       a read that waited this long for its apply reopens its file at the checkpoint
 *                              rather than read on from a download left idle meanwhile (INGEST_REOPEN_AFTER_HOLD,
 *                              default 20 s; 0: after every wait; plain CSV only, the only files read by range)
 */
@ConfigurationProperties("bulkimport.ingest")
public record IngestProperties(int batchSize, DataSize chunkSize, Duration lease, DataSize maxDecompressedSize,
                               Integer maxCompressionRatio, DataSize compressionRatioAfter, Long maxRows,
                               Boolean applyWhileReading, Long maxRowsAhead, Duration aheadPatience,
                               Duration reopenAfterHold) {

    /**
     * The rows per batch of a job whose read began before a job kept its size in its options (the default until
     * then): such a read goes on with it ({@code FileIngestor.sized}).
     */
    static final int BATCH_SIZE_BEFORE_KEPT = 1_000;

    public IngestProperties {
        if (batchSize < 100 || batchSize > 10_000) {
            throw new IllegalArgumentException("bulkimport.ingest.batch-size (BATCH_SIZE) must be 100..10000, got "
                    + batchSize);
        }
        chunkSize = chunkSize == null ? DataSize.ofBytes(ChunkedCsv.CHUNK_BYTES) : chunkSize;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        maxDecompressedSize = maxDecompressedSize == null ? DataSize.ofGigabytes(50) : maxDecompressedSize;
        maxCompressionRatio = maxCompressionRatio == null ? 200 : maxCompressionRatio;
        compressionRatioAfter = compressionRatioAfter == null ? DataSize.ofMegabytes(16) : compressionRatioAfter;
        maxRows = maxRows == null ? 100_000_000L : maxRows;
        applyWhileReading = applyWhileReading == null || applyWhileReading;
        maxRowsAhead = maxRowsAhead == null ? 100_000L : maxRowsAhead;
        aheadPatience = aheadPatience == null ? Duration.ofSeconds(30) : aheadPatience;
        reopenAfterHold = reopenAfterHold == null ? Duration.ofSeconds(20) : reopenAfterHold;
        if (maxRowsAhead < 0 || aheadPatience.isNegative() || reopenAfterHold.isNegative()) {
            throw new IllegalArgumentException("bulkimport.ingest.max-rows-ahead (INGEST_MAX_ROWS_AHEAD),"
                    + " ahead-patience and reopen-after-hold must not be negative");
        }
        if (maxDecompressedSize.toBytes() <= 0 || maxCompressionRatio < 1 || maxRows < 1) {
            throw new IllegalArgumentException("bulkimport.ingest.max-decompressed-size, max-compression-ratio and"
                    + " max-rows must be positive");
        }
    }

    /** The decompression limits of one import, named by the settings that raise them. */
    public InflateLimits inflateLimits() {
        return new InflateLimits(maxDecompressedSize.toBytes(), maxCompressionRatio, compressionRatioAfter.toBytes(),
                "one import", "INGEST_MAX_DECOMPRESSED_SIZE, bulkimport.ingest.max-decompressed-size",
                "INGEST_MAX_COMPRESSION_RATIO, bulkimport.ingest.max-compression-ratio");
    }
}
