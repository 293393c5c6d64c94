package com.bulkimport.api.sample;

import com.bulkimport.model.csv.CsvSample;
import com.bulkimport.model.csv.InflateLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What one sample may cost. The sample reads the first 2 MB of the object; gzip makes that up to 2 GB of
 * text, and a record may be millions of characters long, twenty times over.
 *
 * @param maxDecompressedSize most text the sample's head may inflate to (SAMPLE_MAX_DECOMPRESSED_SIZE)
 * @param maxRecordSize       the longest record a sample reads and shows, in characters, header included
 *                            (SAMPLE_MAX_RECORD_SIZE: {@code 1MB} is 1,048,576 characters)
 */
@ConfigurationProperties("bulkimport.sample")
public record SampleProperties(DataSize maxDecompressedSize, DataSize maxRecordSize) {

    public SampleProperties {
        maxDecompressedSize = maxDecompressedSize == null ? DataSize.ofMegabytes(16) : maxDecompressedSize;
        maxRecordSize = maxRecordSize == null ? DataSize.ofMegabytes(1) : maxRecordSize;
        if (maxDecompressedSize.toBytes() <= 0 || maxRecordSize.toBytes() <= 0
                || maxRecordSize.toBytes() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("bulkimport.sample.max-decompressed-size and max-record-size must be"
                    + " positive (max-record-size below 2 GB)");
        }
    }

    CsvSample.Limits limits() {
        return new CsvSample.Limits(new InflateLimits(maxDecompressedSize.toBytes(), 0, Long.MAX_VALUE, "a sample",
                "SAMPLE_MAX_DECOMPRESSED_SIZE, bulkimport.sample.max-decompressed-size", ""),
                (int) maxRecordSize.toBytes(), "SAMPLE_MAX_RECORD_SIZE, bulkimport.sample.max-record-size");
    }
}
