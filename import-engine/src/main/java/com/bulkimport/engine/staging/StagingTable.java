package com.bulkimport.engine.staging;

import com.bulkimport.model.ImportKind;
import com.bulkimport.engine.match.RowKeys;
import com.bulkimport.model.spec.KindSpecs;

import java.util.List;

/**
 * The table that holds one kind's validated rows between ingest and apply (logged since V11: a database
 * crash or failover must not lose the rows of batches still to apply):
 * {@code staging_<kind>(job_id, row_number, batch_seq, match_key, duplicate_of, <derived>, <spec fields>)}.
 */
public record StagingTable(ImportKind kind, String name, List<String> derived, List<String> fields) {

    /**
     * A staged row {@code s} as {@code {field: value}} for the error report (bookkeeping columns
     * dropped, empty fields left out).
     */
    public static final String RAW_VALUES = "jsonb_strip_nulls(to_jsonb(s) - 'job_id' - 'row_number' - 'batch_seq'"
            + " - 'match_key' - 'duplicate_of' - 'name_brand_key' - 'image_hash' - 'images')";

    public static StagingTable of(ImportKind kind) {
        return new StagingTable(kind, "staging_" + kind.wireName(), RowKeys.of(kind).derivedColumns(),
                KindSpecs.get(kind).fieldNames());
    }

    /** COPY of the given fields only: columns the file does not have stay NULL without costing a thing. */
    public String copySql(List<String> copiedFields) {
        return copySql(copiedFields, List.of());
    }

    /** As {@link #copySql(List)}, with columns filled from outside the file ({@link StagedExtras}) after the derived ones. */
    public String copySql(List<String> copiedFields, List<String> extraColumns) {
        StringBuilder columns = new StringBuilder("job_id, row_number, batch_seq, match_key");
        derived.forEach(c -> columns.append(", ").append(c));
        extraColumns.forEach(c -> columns.append(", ").append(c));
        copiedFields.forEach(c -> columns.append(", ").append(c));
        return "COPY " + name + " (" + columns + ") FROM STDIN (FORMAT text)";
    }
}
