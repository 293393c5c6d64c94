package com.bulkimport.model.xlsx;

import com.bulkimport.model.csv.CsvSample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A workbook's sample: every sheet with its size (so the user can pick one), and the chosen sheet's header
 * and first records as a {@link CsvSample}, so the mapping is suggested exactly as for a CSV.
 *
 * @param sheet the sheet sampled: the {@code sheet} option's, else the first visible one
 */
public record XlsxSample(List<SheetInfo> sheets, String sheet, CsvSample sample) {

    /** Reads every sheet once, to its end: a sheet's size is its count of non-empty rows after the header. */
    public static XlsxSample read(Path file, String sheetOption, int maxRecords) {
        try (Workbook workbook = Workbook.open(file)) {
            SheetInfo chosen = workbook.choose(sheetOption);
            List<SheetInfo> sheets = new ArrayList<>();
            for (SheetInfo info : workbook.sheets()) {
                if (info.position() != chosen.position()) {
                    sheets.add(new SheetInfo(info.position(), info.name(), info.visibility(), count(file, info)));
                }
                else {
                    sheets.add(null); // filled in below, from the same pass that reads the records
                }
            }
            try (SheetRows rows = SheetRows.open(file, false, chosen.name(), Integer.MAX_VALUE)) {
                List<List<String>> records = new ArrayList<>();
                long total = 0;
                for (List<String> fields = rows.nextFields(); fields != null; fields = rows.nextFields()) {
                    if (records.size() < maxRecords) {
                        records.add(fields);
                    }
                    total++;
                }
                sheets.set(chosen.position() - 1, new SheetInfo(chosen.position(), chosen.name(), chosen.visibility(),
                        total));
                CsvSample sample = new CsvSample(rows.format(), rows.header(), rows.headerWarnings(),
                        List.copyOf(records), total > records.size(), List.of());
                return new XlsxSample(List.copyOf(sheets), chosen.name(), sample);
            }
        } catch (IOException e) {
            throw Workbook.unreadable(e, file);
        }
    }

    /** Data rows of a sheet not sampled (an empty sheet has none; its first row is a header). */
    private static long count(Path file, SheetInfo info) throws IOException {
        try (SheetRows rows = SheetRows.open(file, false, info.name(), Integer.MAX_VALUE)) {
            long total = 0;
            while (rows.nextFields() != null) {
                total++;
            }
            return total;
        } catch (com.bulkimport.model.csv.UnreadableFile e) {
            if ("EMPTY_FILE".equals(e.code())) {
                return 0;
            }
            throw e;
        }
    }
}
