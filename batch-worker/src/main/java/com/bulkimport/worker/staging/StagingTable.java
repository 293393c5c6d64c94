package com.bulkimport.worker.staging;

import com.bulkimport.model.ImportKind;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.spec.KindSpecs;

import java.util.List;

/**
 * The UNLOGGED table that holds one kind's validated rows between ingest and apply:
 * {@code staging_<kind>(job_id, row_number, match_key, duplicate_of, <spec fields>)}.
 */
public record StagingTable(ImportKind kind, String name, List<String> fields) {

    public static StagingTable of(ImportKind kind) {
        KindSpec spec = KindSpecs.get(kind);
        return new StagingTable(kind, "staging_" + kind.wireName(), spec.fieldNames());
    }

    public String copySql() {
        return "COPY " + name + " (job_id, row_number, match_key, " + String.join(", ", fields)
                + ") FROM STDIN (FORMAT text)";
    }

    public String fieldList() {
        return String.join(", ", fields);
    }
}
