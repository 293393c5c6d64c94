package com.bulkimport.engine.match;

import com.bulkimport.model.spec.Names;
import com.bulkimport.model.spec.KindSpec;

import java.util.List;

/**
 * A key made of fields: identifiers as given, names normalized ({@link Names}), joined by '|'.
 * Dishes: restaurant + dish name; customers: customer_ref; purchases: merchant + transaction_ref; reviews: review_ref.
 */
final class FieldKeys implements RowKeys {

    private final int[] indexes;
    private final boolean[] normalize;

    FieldKeys(KindSpec spec, String... fields) {
        indexes = new int[fields.length];
        normalize = new boolean[fields.length];
        for (int i = 0; i < fields.length; i++) {
            indexes[i] = spec.indexOf(fields[i]);
            if (indexes[i] < 0) {
                throw new IllegalArgumentException(spec.kind() + " has no field " + fields[i]);
            }
            normalize[i] = fields[i].equals("name");
        }
    }

    @Override
    public List<String> derivedColumns() {
        return List.of();
    }

    @Override
    public String matchKey(String[] values) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < indexes.length; i++) {
            if (i > 0) {
                key.append('|');
            }
            String value = values[indexes[i]];
            key.append(value == null ? "" : normalize[i] ? Names.normalize(value) : value);
        }
        return key.toString();
    }

    @Override
    public void derive(String[] values, String[] out) {
        // nothing derived
    }
}
