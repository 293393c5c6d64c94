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
    private final String[] defaults;
    private final String[] sources;
    private final ValueParser.Notes notes = new ValueParser.Notes();
    private final boolean[] roundedInRow;
    /** Per field: values rounded to its scale in valid rows since {@link #takeRounded()}. */
    private final long[] rounded;

    public RowValidator(ColumnMapping mapping, ParseOptions options, int headerWidth) {
        this.mapping = mapping;
        this.options = options;
        this.headerWidth = headerWidth;
        List<FieldSpec> fields = mapping.spec().fields();
        this.defaults = new String[fields.size()];
        this.sources = new String[fields.size()];
        this.roundedInRow = new boolean[fields.size()];
        this.rounded = new long[fields.size()];
        for (int i = 0; i < defaults.length; i++) {
            defaults[i] = options.defaults().get(fields.get(i).name());
        }
        mapping.mapped().forEach((source, field) -> {
            int index = mapping.spec().indexOf(field);
            if (index >= 0 && mapping.columnOfField()[index] >= 0) {
                sources[index] = source;
            }
        });
    }

    /**
     * Decimals of valid rows that were rounded to their field's scale since the last call, one entry per
     * field that had any (a refused row's values are never stored, so they do not count).
     */
    public List<RoundedValues> takeRounded() {
        List<RoundedValues> taken = new ArrayList<>(0);
        List<FieldSpec> fields = mapping.spec().fields();
        for (int i = 0; i < rounded.length; i++) {
            if (rounded[i] > 0) {
                taken.add(new RoundedValues(sources[i], fields.get(i), rounded[i]));
                rounded[i] = 0;
            }
        }
        return taken;
    }

    /** The record's canonical values (one per spec field, null when empty) and its problems. */
    public record Result(String[] values, List<FieldProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public Result validate(List<String> record) {
        List<FieldProblem> problems = new ArrayList<>(0);
        if (headerWidth > 0 && record.size() != headerWidth) {
            String code = record.size() < headerWidth ? "TOO_FEW_FIELDS" : "TOO_MANY_FIELDS";
            problems.add(new FieldProblem(null, code, "row has " + record.size() + " fields; the header has "
                    + headerWidth));
            return new Result(null, problems);
        }
        List<FieldSpec> fields = mapping.spec().fields();
        String[] values = new String[fields.size()];
        int[] columnOfField = mapping.columnOfField();
        boolean anyRounded = false;
        for (int i = 0; i < values.length; i++) {
            FieldSpec field = fields.get(i);
            try {
                notes.rounded = false;
                values[i] = field.type() == FieldType.FAMILY ? family(i, field, record)
                        : ValueParser.parse(field, valueOrDefault(record, columnOfField[i], defaults[i]), options, notes);
                roundedInRow[i] = notes.rounded;
                anyRounded |= notes.rounded;
            } catch (InvalidValue e) {
                roundedInRow[i] = false;
                problems.add(new FieldProblem(field.name(), e.code(), e.getMessage()));
            }
        }
        anyOfMissing(values, problems);
        if (anyRounded && problems.isEmpty()) {
            for (int i = 0; i < values.length; i++) {
                if (roundedInRow[i]) {
                    rounded[i]++;
                }
            }
        }
        return new Result(values, problems);
    }

    /** A group of fields of which the row gives none (and none was refused: that problem says enough already). */
    private void anyOfMissing(String[] values, List<FieldProblem> problems) {
        KindSpec spec = mapping.spec();
        for (List<String> group : spec.anyOf()) {
            boolean given = group.stream().anyMatch(name -> values[spec.indexOf(name)] != null
                    || problems.stream().anyMatch(p -> name.equals(p.column())));
            if (!given) {
                problems.add(new FieldProblem(group.get(0), "REQUIRED", String.join(" or ", group)
                        + " is required: give at least one"));
            }
        }
    }

    private static String valueOrDefault(List<String> record, int column, String fallback) {
        String raw = column < 0 ? null : record.get(column);
        return (raw == null || raw.isBlank()) && fallback != null ? fallback : raw;
    }

    /** A family's non-empty columns as one JSON object text, or null when all are empty. */
    private String family(int index, FieldSpec field, List<String> record) throws InvalidValue {
        List<ColumnMapping.FamilyColumn> columns = mapping.familyColumns().get(index);
        if (columns == null) {
            return null;
        }
        StringBuilder json = new StringBuilder("{");
        for (ColumnMapping.FamilyColumn member : columns) {
            String value = ValueParser.parse(field, record.get(member.column()), options);
            if (value == null) {
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            JsonText.string(json, member.key());
            json.append(':');
            JsonText.string(json, value);
        }
        return json.length() == 1 ? null : json.append('}').toString();
    }
}
