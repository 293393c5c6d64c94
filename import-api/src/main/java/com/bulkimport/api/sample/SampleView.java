package com.bulkimport.api.sample;

import com.bulkimport.api.mapping.SavedMapping;
import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.csv.CsvSample;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.xlsx.SheetInfo;
import com.bulkimport.model.xlsx.XlsxSample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A sample as the API shows it. {@code suggested_mapping} has every header, mapped to a field or
 * to null; {@code columns} says for each header how its field was found ({@code matched_by}, see
 * {@link MappingProposal}) and shows a few of its values; {@code saved_mapping} names the remembered or named
 * mapping the suggestion comes from, if one does; {@code missing_required} lists the fields no column (and no
 * default) provides; {@code unmatched_headers} the columns that feed nothing though nobody said to ignore them;
 * {@code notes} say why a sample ended early when a limit ended it (a record longer than
 * SAMPLE_MAX_RECORD_SIZE...). {@code file_format} is {@code csv} or {@code xlsx}; for a workbook {@code sheets}
 * lists every sheet with its visibility and data rows, and {@code sheet} is the one sampled (and imported: the
 * {@code sheet} option's, else the first visible one); a workbook has no delimiter or line ending.
 */
record SampleView(UUID jobId, String fileName, String fileFormat, String encoding, String encodingReason,
                  String delimiter, String lineEnding, boolean gzip, String sheet, List<SheetInfo> sheets,
                  List<String> header, List<String> headerWarnings,
                  List<List<String>> records, boolean truncated, Map<String, String> suggestedMapping,
                  List<Column> columns, SavedFrom savedMapping,
                  List<String> unmatchedHeaders, List<String> missingRequired, List<String> mappingProblems,
                  List<String> notes) {

    /** Values of a column shown next to its field: the first few distinct ones that are not blank. */
    static final int SAMPLE_VALUES = 3;
    /** A longer value is cut (with "…"): enough to recognise it. */
    static final int SAMPLE_VALUE_LENGTH = 60;

    /** One column of the file: the field proposed for it (null: none), how it was found, a few of its values. */
    record Column(String name, String field, String matchedBy, List<String> sampleValues) {
    }

    /** The saved mapping a proposal comes from: {@code matched_by} is {@code remembered} or {@code named}. */
    record SavedFrom(UUID id, String name, String matchedBy, String updatedBy, Instant updatedAt) {
        static SavedFrom of(SavedMapping saved) {
            return new SavedFrom(saved.id(), saved.name(), saved.source(), saved.updatedBy(), saved.updatedAt());
        }
    }

    static SampleView of(UUID jobId, String fileName, XlsxSample workbook, KindSpec spec, ImportOptions options,
                         SavedMapping saved) {
        SampleView csv = of(jobId, fileName, workbook.sample(), spec, options, saved);
        return new SampleView(jobId, fileName, "xlsx", csv.encoding(), csv.encodingReason(), null, null, false,
                workbook.sheet(), workbook.sheets(), csv.header(), csv.headerWarnings(), csv.records(),
                csv.truncated(), csv.suggestedMapping(), csv.columns(), csv.savedMapping(), csv.unmatchedHeaders(),
                csv.missingRequired(), csv.mappingProblems(), csv.notes());
    }

    static SampleView of(UUID jobId, String fileName, CsvSample sample, KindSpec spec, ImportOptions options,
                         SavedMapping saved) {
        MappingProposal proposal = MappingProposal.of(spec, sample.header(), options.columnMapping(), saved,
                options.defaults().keySet());
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < sample.header().size(); i++) {
            String name = sample.header().get(i);
            columns.add(new Column(name, proposal.mapping().get(name), proposal.matchedBy().get(name),
                    valuesOf(sample.records(), i)));
        }
        boolean fromSaved = saved != null && options.columnMapping().isEmpty();
        return new SampleView(jobId, fileName, "csv", sample.format().encodingName(), sample.format().encodingReason(),
                sample.format().delimiterName(), sample.format().lineEnding(), sample.format().gzip(), null, null,
                sample.header(), sample.headerWarnings(), sample.records(), sample.truncated(), proposal.mapping(),
                columns, fromSaved ? SavedFrom.of(saved) : null, proposal.unmatched(), proposal.missingRequired(),
                proposal.problems(), sample.notes());
    }

    private static List<String> valuesOf(List<List<String>> records, int column) {
        Set<String> values = new LinkedHashSet<>();
        for (List<String> record : records) {
            if (values.size() == SAMPLE_VALUES) {
                break;
            }
            String value = column < record.size() ? record.get(column) : null;
            if (value != null && !value.isBlank()) {
                String strip = value.strip();
                values.add(strip.length() > SAMPLE_VALUE_LENGTH
                        ? strip.substring(0, SAMPLE_VALUE_LENGTH - 1) + "…" : strip);
            }
        }
        return List.copyOf(values);
    }
}
