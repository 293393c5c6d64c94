package com.bulkimport.api.mapping;

import com.bulkimport.api.importjob.ImportLimits;
import com.bulkimport.api.importjob.InvalidImportRequest;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.spec.ColumnMapping;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.spec.KindSpecs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a named mapping may be; every problem of a request is listed at once (400). */
final class MappingChecks {

    static final int MAX_NAME = 100;

    private MappingChecks() {
    }

    /** A request that passed: the name trimmed, the kind known, every target a field of it. */
    record Checked(String name, ImportKind kind, Map<String, String> mapping) {
    }

    static Checked check(MappingRequest request, ImportLimits limits) {
        if (request == null) {
            throw new InvalidImportRequest(List.of("the body must be a JSON object with name, kind and mapping"));
        }
        List<String> problems = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            problems.add("name is required: 1 to " + MAX_NAME + " characters, no control characters");
        }
        ImportKind kind = kind(request.kind(), problems);
        Map<String, String> mapping = new LinkedHashMap<>();
        if (request.mapping() == null || request.mapping().isEmpty()) {
            problems.add("mapping is required: at least one 'header': 'field' entry (\"\" ignores a column)");
        } else if (request.mapping().size() > limits.maxColumns()) {
            problems.add("mapping has " + request.mapping().size() + " entries; the limit is " + limits.maxColumns());
        } else {
            KindSpec spec = kind == null ? null : KindSpecs.get(kind);
            request.mapping().forEach((header, field) -> {
                String target = field == null ? "" : field.strip();
                if (header.length() > limits.maxFieldLength() || target.length() > limits.maxFieldLength()
                        || header.indexOf('\0') >= 0 || target.indexOf('\0') >= 0) {
                    problems.add("mapping: an entry is longer than " + limits.maxFieldLength()
                            + " characters or holds a NUL");
                } else if (spec != null && !target.isEmpty() && !ColumnMapping.knownTarget(spec, target)) {
                    problems.add("mapping maps '" + header + "' to unknown field '" + target + "'; fields of "
                            + kind.wireName() + ": " + String.join(", ", spec.templateNames()));
                }
                mapping.put(header, target);
            });
        }
        if (!problems.isEmpty()) {
            throw new InvalidImportRequest(problems);
        }
        return new Checked(name, kind, mapping);
    }

    /** The kind a request or a query names, or null with the problem added. */
    static ImportKind kind(String wireName, List<String> problems) {
        ImportKind kind = ImportKind.fromWireName(wireName).filter(KindSpecs::supports).orElse(null);
        if (kind == null) {
            problems.add("kind must be one of " + String.join(", ", Arrays.stream(ImportKind.values())
                    .filter(KindSpecs::supports).map(ImportKind::wireName).toList())
                    + (wireName == null ? "" : ", got '" + wireName + "'"));
        }
        return kind;
    }
}
