package com.bulkimport.model.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which CSV column feeds which field of a kind. Built from the header, the user's explicit mapping
 * ({@code {"CSV header": "field"}}, which wins) and the spec's names and aliases compared with
 * {@link HeaderNames#normalize}. An explicit target of {@code ""} ignores a column.
 *
 * @param columnOfField    for each spec field (by index), the CSV column index, or -1 when unmapped
 * @param mapped           CSV header to field, in header order: the suggestion shown to users
 * @param unmatchedHeaders headers that feed no field (reported as warnings)
 * @param missingRequired  required fields no column feeds (the import cannot start)
 * @param problems         explicit mapping entries that name an unknown header or field
 */
public record ColumnMapping(KindSpec spec, int[] columnOfField, Map<String, String> mapped,
                            List<String> unmatchedHeaders, List<String> missingRequired, List<String> problems) {

    public static ColumnMapping resolve(KindSpec spec, List<String> header, Map<String, String> explicit) {
        int[] columnOfField = new int[spec.fields().size()];
        Arrays.fill(columnOfField, -1);
        Map<String, String> mapped = new LinkedHashMap<>();
        List<String> unmatched = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> explicitByNormalized = new LinkedHashMap<>();
        explicit.forEach((csvHeader, field) -> explicitByNormalized.put(HeaderNames.normalize(csvHeader), field));

        for (Map.Entry<String, String> entry : explicit.entrySet()) {
            String target = entry.getValue() == null ? "" : entry.getValue().trim();
            if (!target.isEmpty() && spec.indexOf(target) < 0) {
                problems.add("column mapping '" + entry.getKey() + "' names unknown field '" + target
                        + "'; fields of " + spec.kind().wireName() + ": " + String.join(", ", spec.fieldNames()));
            }
            boolean present = header.stream().anyMatch(h -> h.equals(entry.getKey())
                    || HeaderNames.normalize(h).equals(HeaderNames.normalize(entry.getKey())));
            if (!present) {
                problems.add("column mapping names header '" + entry.getKey() + "', which the file does not have");
            }
        }

        for (int column = 0; column < header.size(); column++) {
            String name = header.get(column);
            String target = explicitTarget(explicit, explicitByNormalized, name);
            if (target == null) {
                target = suggest(spec, name);
            }
            int fieldIndex = target == null || target.isEmpty() ? -1 : spec.indexOf(target);
            if (fieldIndex < 0 || columnOfField[fieldIndex] >= 0) {
                unmatched.add(name);
                continue;
            }
            columnOfField[fieldIndex] = column;
            mapped.put(name, target);
        }

        List<String> missing = new ArrayList<>();
        for (int i = 0; i < columnOfField.length; i++) {
            if (columnOfField[i] < 0 && spec.fields().get(i).required()) {
                missing.add(spec.fields().get(i).name());
            }
        }
        return new ColumnMapping(spec, columnOfField, mapped, unmatched, missing, problems);
    }

    private static String explicitTarget(Map<String, String> explicit, Map<String, String> byNormalized, String header) {
        String exact = explicit.get(header);
        if (exact != null) {
            return exact.trim();
        }
        String loose = byNormalized.get(HeaderNames.normalize(header));
        return loose == null ? null : loose.trim();
    }

    /** The field a header names by itself (its own name or an alias), or null. */
    public static String suggest(KindSpec spec, String header) {
        String normalized = HeaderNames.normalize(header);
        for (FieldSpec field : spec.fields()) {
            if (field.name().equals(normalized)) {
                return field.name();
            }
        }
        for (FieldSpec field : spec.fields()) {
            for (String alias : field.aliases()) {
                if (HeaderNames.normalize(alias).equals(normalized)) {
                    return field.name();
                }
            }
        }
        return null;
    }

    public boolean usable() {
        return missingRequired.isEmpty() && problems.isEmpty();
    }
}
