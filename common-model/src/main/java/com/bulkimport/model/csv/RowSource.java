package com.bulkimport.model.csv;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * An uploaded file's records in checkpointed chunks, whatever the file is: a CSV ({@link ChunkedCsv})
 * or one sheet of a workbook ({@code model.xlsx.SheetRows}). Everything downstream (validation,
 * mapping, staging, the error report with the original columns) sees header and rows only.
 */
public interface RowSource extends Closeable {

    /** {@code csv} or {@code xlsx}: stored on the job, so a resumed ingest opens the file the same way. */
    String fileFormat();

    /** The sheet read, for a workbook; null for a CSV. */
    default String sheet() {
        return null;
    }

    CsvFormat format();

    List<String> header();

    List<String> headerWarnings();

    /**
     * The stored file's bytes read so far, what the reading phase's progress is measured in; -1 when the
     * source cannot tell (a workbook's sheet is inflated from inside its ZIP by the reader library).
     */
    default long fileBytesRead() {
        return -1;
    }

    /** @return the next chunk of records, or null at the end of the file */
    ChunkedCsv.Chunk next() throws IOException;
}
