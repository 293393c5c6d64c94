package com.bulkimport.model.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which CSV column feeds which field of a kind. Built from the header, the user's explicit mapping
 * ({@code {"CSV header": "field"}}, which wins) and the spec's names and aliases compared with
 * {@link HeaderNames#normalize}. An explicit target of {@code ""} ignores a column. Columns named
 * {@code <family>_<key>} feed a family field (see {@link FieldType#FAMILY}).
 *
 * @param columnOfField    for each spec field (by index), the CSV column index, or -1 when unmapped
 * @param familyColumns    for each family field (by index), its columns and their keys
 * @param mapped           CSV header to field, in header order: the suggestion shown to users
 * @param unmatchedHeaders headers that feed no field although nobody said to ignore them (reported as warnings)
 * @param missingRequired  required fields no column feeds (the import cannot start)
 * @param problems         explicit mapping entries that name an unknown header or field
 * @param matchedBy        CSV header to how its field was found ({@link MatchedBy}), for the mapped headers
 * @param ignoredHeaders   headers the explicit mapping ignores ({@code ""}): not imported, and no warning says so
 */
public record ColumnMapping(KindSpec spec, int[] columnOfField, Map<Integer, List<FamilyColumn>> familyColumns,
                            Map<String, String> mapped, List<String> unmatchedHeaders, List<String> missingRequired,
                            List<String> problems, Map<String, MatchedBy> matchedBy, List<String> ignoredHeaders) {

    /** How a column's field was found: the user's mapping, the field's own name, or one of its aliases. */
    public enum MatchedBy {
        EXPLICIT, EXACT, ALIAS;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One column of a family: where it is, and the key it takes in the family's JSON object. */
    public record FamilyColumn(int column, String key) {
    }

    /**
     * The fields a source provides, in the kind's order: those with a column (or a family of columns)
     * and those given a default. Only these are written to existing records; the rest stay as they are.
     */
    public List<String> providedFields(java.util.Set<String> defaults) {
        List<String> fields = new java.util.ArrayList<>();
        for (int i = 0; i < spec.fields().size(); i++) {
            String name = spec.fields().get(i).name();
            if (columnOfField[i] >= 0 || familyColumns.containsKey(i) || defaults.contains(name)) {
                fields.add(name);
            }
        }
        return fields;
    }

    public static ColumnMapping resolve(KindSpec spec, List<String> header, Map<String, String> explicit) {
        int[] columnOfField = new int[spec.fields().size()];
        Arrays.fill(columnOfField, -1);
        Map<Integer, List<FamilyColumn>> families = new LinkedHashMap<>();
        Map<String, String> mapped = new LinkedHashMap<>();
        Map<String, MatchedBy> matchedBy = new LinkedHashMap<>();
        List<String> unmatched = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<String> problems = checkExplicit(spec, header, explicit);
        Map<String, String> explicitByNormalized = new LinkedHashMap<>();
        explicit.forEach((csvHeader, field) -> explicitByNormalized.put(HeaderNames.normalize(csvHeader), field));

        for (int column = 0; column < header.size(); column++) {
            String name = header.get(column);
            String target = explicitTarget(explicit, explicitByNormalized, name);
            MatchedBy how = MatchedBy.EXPLICIT;
            if (target == null) {
                target = suggest(spec, name);
                how = aliasMatch(spec, name) ? MatchedBy.ALIAS : MatchedBy.EXACT;
            } else if (target.isEmpty()) {
                // the user said so: not imported, and nothing to warn about
                ignored.add(name);
                continue;
            }
            if (target == null) {
                unmatched.add(name);
                continue;
            }
            int fieldIndex = spec.indexOf(target);
            if (fieldIndex >= 0 && columnOfField[fieldIndex] < 0 && spec.fields().get(fieldIndex).type() != FieldType.FAMILY) {
                columnOfField[fieldIndex] = column;
                mapped.put(name, target);
                matchedBy.put(name, how);
                continue;
            }
            FamilyColumn member = familyMember(spec, target);
            if (member != null) {
                int family = spec.indexOf(familyOf(spec, target));
                families.computeIfAbsent(family, k -> new ArrayList<>()).add(new FamilyColumn(column, member.key()));
                mapped.put(name, target);
                matchedBy.put(name, how);
                continue;
            }
            unmatched.add(name);
        }

        List<String> missing = new ArrayList<>();
        for (int i = 0; i < columnOfField.length; i++) {
            if (columnOfField[i] < 0 && spec.fields().get(i).required()) {
                missing.add(spec.fields().get(i).name());
            }
        }
        return new ColumnMapping(spec, columnOfField, families, mapped, unmatched, missing, problems, matchedBy, ignored);
    }

    private static List<String> checkExplicit(KindSpec spec, List<String> header, Map<String, String> explicit) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> entry : explicit.entrySet()) {
            String target = entry.getValue() == null ? "" : entry.getValue().trim();
            if (!target.isEmpty() && !knownTarget(spec, target)) {
                problems.add("column mapping '" + entry.getKey() + "' names unknown field '" + target
                        + "'; fields of " + spec.kind().wireName() + ": " + String.join(", ", spec.templateNames()));
            }
            boolean present = header.stream().anyMatch(h -> h.equals(entry.getKey())
                    || HeaderNames.normalize(h).equals(HeaderNames.normalize(entry.getKey())));
            if (!present) {
                problems.add("column mapping names header '" + entry.getKey() + "', which the file does not have");
            }
        }
        return problems;
    }

    /** Whether {@code target} is a field, or a member of a family ({@code nutrition_fat}). */
    public static boolean knownTarget(KindSpec spec, String target) {
        int index = spec.indexOf(target);
        return index >= 0 && spec.fields().get(index).type() != FieldType.FAMILY || familyMember(spec, target) != null;
    }

    private static String explicitTarget(Map<String, String> explicit, Map<String, String> byNormalized, String header) {
        String exact = explicit.get(header);
        if (exact != null) {
            return exact.trim();
        }
        String loose = byNormalized.get(HeaderNames.normalize(header));
        return loose == null ? null : loose.trim();
    }

    private static FamilyColumn familyMember(KindSpec spec, String target) {
        String family = familyOf(spec, target);
        if (family == null) {
            return null;
        }
        String key = target.substring(family.length() + 1);
        return key.isEmpty() ? null : new FamilyColumn(-1, key);
    }

    private static String familyOf(KindSpec spec, String target) {
        for (FieldSpec field : spec.fields()) {
            if (field.type() == FieldType.FAMILY && target.startsWith(field.familyPrefix())) {
                return field.name();
            }
        }
        return null;
    }

    /** The field a header names by itself (its own name, an alias, or a family member), or null. */
    public static String suggest(KindSpec spec, String header) {
        String normalized = HeaderNames.normalize(header);
        for (FieldSpec field : spec.fields()) {
            if (field.name().equals(normalized) && field.type() != FieldType.FAMILY) {
                return field.name();
            }
        }
        for (FieldSpec field : spec.fields()) {
            if (field.type() == FieldType.FAMILY) {
                continue;
            }
            for (String alias : field.aliases()) {
                if (HeaderNames.normalize(alias).equals(normalized)) {
                    return field.name();
                }
            }
        }
        String family = familyOf(spec, normalized);
        if (family != null && normalized.length() > family.length() + 1) {
            // keys keep the header's own spelling after the prefix (regional_names_IN-MH → IN-MH)
            String trimmed = header.strip();
            return family + "_" + trimmed.substring(Math.min(trimmed.length(), family.length() + 1));
        }
        return null;
    }

    /** Whether the header names a field by one of its aliases rather than by the field's own name. */
    private static boolean aliasMatch(KindSpec spec, String header) {
        String normalized = HeaderNames.normalize(header);
        for (FieldSpec field : spec.fields()) {
            if (field.name().equals(normalized) && field.type() != FieldType.FAMILY) {
                return false;
            }
        }
        for (FieldSpec field : spec.fields()) {
            if (field.type() != FieldType.FAMILY
                    && field.aliases().stream().anyMatch(alias -> HeaderNames.normalize(alias).equals(normalized))) {
                return true;
            }
        }
        return false;
    }

    /** The same mapping, with required fields that have a default no longer missing. */
    public ColumnMapping withDefaults(java.util.Set<String> defaulted) {
        List<String> stillMissing = missingRequired.stream().filter(f -> !defaulted.contains(f)).toList();
        return new ColumnMapping(spec, columnOfField, familyColumns, mapped, unmatchedHeaders, stillMissing, problems,
                matchedBy, ignoredHeaders);
    }

    public boolean usable() {
        return missingRequired.isEmpty() && problems.isEmpty();
    }
}
