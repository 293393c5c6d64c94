package com.bulkimport.model.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks one CSV record against a kind's spec and mapping. Collects every problem of the row rather
 * than stopping at the first, so one error report shows all there is to fix.
 */
public final class RowValidator {

    private final ColumnMapping mapping;
    private final ParseOptions options;
    private final int headerWidth;

    public RowValidator(ColumnMapping mapping, ParseOptions options, int headerWidth) {
        this.mapping = mapping;
        this.options = options;
        this.headerWidth = headerWidth;
    }

    /** The record's canonical values (one per spec field, null when empty) and its problems. */
    public record Result(String[] values, List<FieldProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public Result validate(List<String> record) {
        List<FieldProblem> problems = new ArrayList<>(0);
        if (record.size() != headerWidth) {
            String code = record.size() < headerWidth ? "TOO_FEW_FIELDS" : "TOO_MANY_FIELDS";
            problems.add(new FieldProblem(null, code, "row has " + record.size() + " fields; the header has "
                    + headerWidth));
            return new Result(null, problems);
        }
        List<FieldSpec> fields = mapping.spec().fields();
        String[] values = new String[fields.size()];
        int[] columnOfField = mapping.columnOfField();
        for (int i = 0; i < values.length; i++) {
            int column = columnOfField[i];
            FieldSpec field = fields.get(i);
            String raw = column < 0 ? null : record.get(column);
            try {
                values[i] = ValueParser.parse(field, raw, options);
            } catch (InvalidValue e) {
                problems.add(new FieldProblem(field.name(), e.code(), e.getMessage()));
            }
        }
        return new Result(values, problems);
    }
}
