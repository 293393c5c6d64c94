package com.bulkimport.model.spec;

import com.bulkimport.model.ImportKind;

import java.util.List;
import java.util.Optional;

/**
 * The columns of one import kind, in template order.
 *
 * @param anyOf groups of optional fields of which a row must give at least one (inventory: sku or barcode);
 *              each named field must exist
 */
public record KindSpec(ImportKind kind, String description, List<FieldSpec> fields, List<List<String>> anyOf) {

    public KindSpec {
        fields = List.copyOf(fields);
        anyOf = anyOf.stream().map(List::copyOf).toList();
        for (List<String> group : anyOf) {
            for (String name : group) {
                if (fields.stream().noneMatch(f -> f.name().equals(name))) {
                    throw new IllegalArgumentException(kind + " has no field " + name + " for a row to give");
                }
            }
        }
    }

    public KindSpec(ImportKind kind, String description, List<FieldSpec> fields) {
        this(kind, description, fields, List.of());
    }

    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public int indexOf(String fieldName) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> fieldNames() {
        return fields.stream().map(FieldSpec::name).toList();
    }

    /** Field names as templates show them ({@code nutrition_*} for families). */
    public List<String> templateNames() {
        return fields.stream().map(FieldSpec::templateName).toList();
    }
}
