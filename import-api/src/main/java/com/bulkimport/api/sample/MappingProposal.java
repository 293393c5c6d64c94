package com.bulkimport.api.sample;

import com.bulkimport.api.mapping.SavedMapping;
import com.bulkimport.model.spec.ColumnMapping;
import com.bulkimport.model.spec.HeaderNames;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.spec.SimilarNames;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mapping a sample proposes, and for each column how its field was found ({@code matched_by}):
 * {@code explicit} (the job's own column_mapping), {@code remembered} (the tenant's mapping last confirmed for this
 * header), {@code named} (a named mapping made for this header), {@code exact} (the field's name), {@code alias}
 * (one of its aliases) or {@code similar} (a guess: a name within a typing mistake or two, or held word for word,
 * see {@link SimilarNames}). The job's own mapping wins over a saved one; a saved one is applied as a whole
 * (its ignored columns stay ignored); the names, aliases and similar names map the columns left.
 *
 * @param mapping   every header to its proposed field, or null (ignored or unmatched)
 * @param matchedBy how each mapped header's field was found
 * @param unmatched headers that would feed no field although nobody said to ignore them
 * @param missingRequired required fields no proposed column (and no default) feeds
 * @param problems  entries of the job's own column_mapping that name an unknown header or field
 * @param ignored   headers the proposal ignores on purpose
 */
record MappingProposal(Map<String, String> mapping, Map<String, String> matchedBy, List<String> unmatched,
                       List<String> missingRequired, List<String> problems, List<String> ignored) {

    static MappingProposal of(KindSpec spec, List<String> header, Map<String, String> explicit, SavedMapping saved,
                              java.util.Set<String> defaulted) {
        boolean fromSaved = explicit.isEmpty() && saved != null;
        Map<String, String> given = fromSaved ? usable(spec, header, saved.mapping()) : explicit;
        ColumnMapping first = ColumnMapping.resolve(spec, header, given);
        Map<String, String> matchedBy = new LinkedHashMap<>();
        first.matchedBy().forEach((column, how) -> matchedBy.put(column, how == ColumnMapping.MatchedBy.EXPLICIT
                ? (fromSaved ? saved.source() : "explicit") : how.wireName()));
        // a column ignored on purpose says who ignored it: the job's own mapping, or the saved one
        first.ignoredHeaders().forEach(column -> matchedBy.put(column, fromSaved ? saved.source() : "explicit"));

        Set<String> taken = new HashSet<>(first.mapped().values());
        Map<String, String> proposal = new LinkedHashMap<>(given);
        for (String column : header) {
            if (first.mapped().containsKey(column) || first.ignoredHeaders().contains(column)) {
                continue;
            }
            String similar = SimilarNames.field(spec, column, taken);
            if (similar != null) {
                taken.add(similar);
                proposal.put(column, similar);
                matchedBy.put(column, "similar");
            }
        }
        // with the similar guesses taken as given: what is still missing, and which columns feed nothing
        ColumnMapping resolved = ColumnMapping.resolve(spec, header, proposal).withDefaults(defaulted);
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String column : header) {
            mapping.put(column, resolved.mapped().get(column));
        }
        return new MappingProposal(mapping, matchedBy, resolved.unmatchedHeaders(), resolved.missingRequired(),
                first.problems(), resolved.ignoredHeaders());
    }

    /**
     * The saved entries that still fit: a header the file has, a field the kind still has (a saved mapping
     * outlives a change of the kind's fields, which would otherwise be reported as the user's mistake).
     */
    private static Map<String, String> usable(KindSpec spec, List<String> header, Map<String, String> saved) {
        Set<String> present = new HashSet<>();
        header.forEach(h -> present.add(HeaderNames.normalize(h)));
        Map<String, String> usable = new LinkedHashMap<>();
        saved.forEach((column, field) -> {
            String target = field == null ? "" : field.strip();
            if (present.contains(HeaderNames.normalize(column))
                    && (target.isEmpty() || ColumnMapping.knownTarget(spec, target))) {
                usable.put(column, target);
            }
        });
        return usable;
    }
}
