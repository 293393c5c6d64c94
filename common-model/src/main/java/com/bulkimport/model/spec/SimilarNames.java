package com.bulkimport.model.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A guess for a header that names no field exactly or by an alias: a field (or alias) spelt within one or two
 * typing mistakes of it ({@code "Restuarant Name"}, {@code "e-mail adress"}), or whose name the header holds
 * as whole words ({@code "Customer Email Address"} → {@code email}). Only a proposal for a person to confirm:
 * the sample shows it as {@code similar}; a job reads only what its mapping, the names and the aliases say.
 */
public final class SimilarNames {

    /** Shorter names are too alike to guess between ("id" and "ip"). */
    static final int MIN_LENGTH = 4;

    private SimilarNames() {
    }

    /**
     * @param taken fields other columns already feed: never proposed twice
     * @return the one field the header is most like, or null when none is, or two are equally
     */
    public static String field(KindSpec spec, String header, Set<String> taken) {
        String normalized = HeaderNames.normalize(header);
        if (normalized.length() < MIN_LENGTH) {
            return null;
        }
        String byTypo = closest(spec, normalized, taken);
        return byTypo != null ? byTypo : byWords(spec, normalized, taken);
    }

    private static String closest(KindSpec spec, String normalized, Set<String> taken) {
        int allowed = normalized.length() >= 8 ? 2 : 1;
        int best = allowed + 1;
        Set<String> bestFields = new LinkedHashSet<>();
        for (FieldSpec field : candidates(spec, taken)) {
            for (String name : namesOf(field)) {
                if (name.length() < MIN_LENGTH) {
                    continue;
                }
                int distance = distance(normalized, name, allowed);
                if (distance < best) {
                    best = distance;
                    bestFields.clear();
                }
                if (distance == best) {
                    bestFields.add(field.name());
                }
            }
        }
        return best <= allowed && bestFields.size() == 1 ? bestFields.iterator().next() : null;
    }

    /** A field whose name (or an alias), word for word, is part of the header's words; only one may be. */
    private static String byWords(KindSpec spec, String normalized, Set<String> taken) {
        List<String> words = Arrays.asList(normalized.split("_"));
        Set<String> found = new LinkedHashSet<>();
        for (FieldSpec field : candidates(spec, taken)) {
            for (String name : namesOf(field)) {
                if (name.length() >= MIN_LENGTH && java.util.Collections.indexOfSubList(words, Arrays.asList(name.split("_"))) >= 0) {
                    found.add(field.name());
                }
            }
        }
        return found.size() == 1 ? found.iterator().next() : null;
    }

    private static List<FieldSpec> candidates(KindSpec spec, Set<String> taken) {
        List<FieldSpec> fields = new ArrayList<>();
        for (FieldSpec field : spec.fields()) {
            if (field.type() != FieldType.FAMILY && !taken.contains(field.name())) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static List<String> namesOf(FieldSpec field) {
        List<String> names = new ArrayList<>();
        names.add(field.name());
        field.aliases().forEach(alias -> names.add(HeaderNames.normalize(alias)));
        return names;
    }

    /** Optimal string alignment distance (a swap of neighbours is one mistake), or more than {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
