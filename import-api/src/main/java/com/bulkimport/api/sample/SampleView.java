package com.bulkimport.api.sample;

import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.csv.CsvSample;
import com.bulkimport.model.spec.ColumnMapping;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.xlsx.SheetInfo;
import com.bulkimport.model.xlsx.XlsxSample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A sample as the API shows it. {@code suggested_mapping} has every header, mapped to a field or
 * to null; {@code missing_required} lists the fields no column (and no default) provides; {@code notes} say
 * why a sample ended early when a limit ended it (a record longer than SAMPLE_MAX_RECORD_SIZE...).
 * {@code file_format} is {@code csv} or {@code xlsx}; for a workbook {@code sheets} lists every sheet with its
 * visibility and data rows, and {@code sheet} is the one sampled (and imported: the {@code sheet} option's,
 * else the first visible one); a workbook has no delimiter or line ending.
 */
record SampleView(UUID jobId, String fileName, String fileFormat, String encoding, String encodingReason,
                  String delimiter, String lineEnding, boolean gzip, String sheet, List<SheetInfo> sheets,
                  List<String> header, List<String> headerWarnings,
                  List<List<String>> records, boolean truncated, Map<String, String> suggestedMapping,
                  List<String> unmatchedHeaders, List<String> missingRequired, List<String> mappingProblems,
                  List<String> notes) {

    static SampleView of(UUID jobId, String fileName, XlsxSample workbook, KindSpec spec, ImportOptions options) {
        SampleView csv = of(jobId, fileName, workbook.sample(), spec, options);
        return new SampleView(jobId, fileName, "xlsx", csv.encoding(), csv.encodingReason(), null, null, false,
                workbook.sheet(), workbook.sheets(), csv.header(), csv.headerWarnings(), csv.records(),
                csv.truncated(), csv.suggestedMapping(), csv.unmatchedHeaders(), csv.missingRequired(),
                csv.mappingProblems(), csv.notes());
    }

    static SampleView of(UUID jobId, String fileName, CsvSample sample, KindSpec spec, ImportOptions options) {
        ColumnMapping mapping = ColumnMapping.resolve(spec, sample.header(), options.columnMapping())
                .withDefaults(options.defaults().keySet());
        Map<String, String> suggested = new LinkedHashMap<>();
        for (String column : sample.header()) {
            suggested.put(column, mapping.mapped().get(column));
        }
        return new SampleView(jobId, fileName, "csv", sample.format().encodingName(), sample.format().encodingReason(),
                sample.format().delimiterName(), sample.format().lineEnding(), sample.format().gzip(), null, null,
                sample.header(),
                sample.headerWarnings(), sample.records(), sample.truncated(), suggested, mapping.unmatchedHeaders(),
                mapping.missingRequired(), mapping.problems(), sample.notes());
    }
}
