package com.bulkimport.engine.review;

import java.util.List;

/**
 * One fix a job's owner makes at review, while the job is PREVIEW_READY (docs/architecture.md, "Review and
 * corrections"). Columns are named as the problems name them (a field) or as the file's header does.
 */
public sealed interface Correction {

    /** The stored operation name ({@code import_corrections.op}). */
    String op();

    /** A new value for one cell of a refused row. */
    record SetCell(long row, String column, String value) implements Correction {
        public String op() {
            return "SET_CELL";
        }
    }

    /** A value for every empty cell of a column, in every row (refused or valid), as the CLI's {@code --default}. */
    record ColumnDefault(String column, String value) implements Correction {
        public String op() {
            return "COLUMN_DEFAULT";
        }
    }

    /** Leave every row still refused out of the import (it counts as skipped, no more as an error). */
    record SkipRowsWithErrors() implements Correction {
        public String op() {
            return "SKIP_ROWS_WITH_ERRORS";
        }
    }

    /** Leave these rows out, refused or not. */
    record SkipRows(List<Long> rows) implements Correction {
        public SkipRows {
            rows = List.copyOf(rows);
        }

        public String op() {
            return "SKIP_ROWS";
        }
    }
}
