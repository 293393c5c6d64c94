package com.bulkimport.worker.apply;

import java.util.List;
import java.util.stream.Collectors;

/** Small helpers for the column lists the appliers build from a job's mapped fields. */
final class Sql {

    private Sql() {
    }

    static String columns(List<String> fields, String prefix) {
        return fields.stream().map(f -> prefix + f).collect(Collectors.joining(", "));
    }

    static String assignments(List<String> fields, String source) {
        return fields.stream().map(f -> f + " = " + source + f).collect(Collectors.joining(", "));
    }

    /** The ids in an array column of a result (null: none). */
    static List<Long> ids(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : java.util.Arrays.asList((Long[]) array.getArray());
    }

    /** The staging rows of one batch that are not in-file duplicates, for {@code WHERE}. */
    static String batchRows(String alias) {
        return alias + ".job_id = :job AND " + alias + ".batch_seq = :seq AND " + alias + ".duplicate_of IS NULL";
    }
}
