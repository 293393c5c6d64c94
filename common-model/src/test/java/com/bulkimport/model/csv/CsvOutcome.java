package com.bulkimport.model.csv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reader made of a whole file, in a shape two readers can be compared by: the format, header
 * and every record, or the refusal (exception type and code). Where in the file a refusal surfaces
 * (at open or at a later record) is left out: the worker and the sample both fail the file as a whole.
 */
sealed interface CsvOutcome {

    record Read(CsvFormat format, List<String> header, List<String> headerWarnings, List<CsvInput.Row> rows)
            implements CsvOutcome {
    }

    record Refused(Class<? extends RuntimeException> type, String code) implements CsvOutcome {
    }

    static CsvOutcome plain(byte[] file, CsvHints hints) throws IOException {
        try (CsvInput input = CsvInput.open(new ByteArrayInputStream(file), hints)) {
            List<CsvInput.Row> rows = new ArrayList<>();
            for (CsvInput.Row row = input.next(); row != null; row = input.next()) {
                rows.add(row);
            }
            return new Read(input.format(), input.header(), input.headerWarnings(), rows);
        } catch (UnreadableFile e) {
            return new Refused(UnreadableFile.class, e.code());
        } catch (EncodingMismatch e) {
            return new Refused(EncodingMismatch.class, null);
        }
    }

    static CsvOutcome chunked(byte[] file, CsvHints hints, int chunkBytes) throws IOException {
        try (ChunkedCsv csv = ChunkedCsv.open(new ByteArrayInputStream(file), hints, chunkBytes)) {
            List<CsvInput.Row> rows = new ArrayList<>();
            for (ChunkedCsv.Chunk chunk = csv.next(); chunk != null; chunk = csv.next()) {
                rows.addAll(chunk.rows());
            }
            return new Read(csv.format(), csv.header(), csv.headerWarnings(), rows);
        } catch (UnreadableFile e) {
            return new Refused(UnreadableFile.class, e.code());
        } catch (EncodingMismatch e) {
            return new Refused(EncodingMismatch.class, null);
        }
    }
}
