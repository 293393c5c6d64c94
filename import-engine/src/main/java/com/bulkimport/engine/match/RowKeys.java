package com.bulkimport.engine.match;

import com.bulkimport.model.ImportKind;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.spec.KindSpecs;

import java.util.List;

/**
 * What the staging row of a kind carries besides its fields: the match key that says "same record"
 * (docs/architecture.md, "Matching and duplicates") and any derived columns (a product's name + brand key, its quality score...).
 */
public interface RowKeys {

    /** Names of the derived staging columns, in the order {@link #derive} fills them. */
    List<String> derivedColumns();

    /** The key equal records share, from a validated row's values (spec order). */
    String matchKey(String[] values);

    /** Fills {@code out} (one slot per derived column). */
    void derive(String[] values, String[] out);

    static RowKeys of(ImportKind kind) {
        KindSpec spec = KindSpecs.get(kind);
        return switch (kind) {
            case RESTAURANTS -> new RestaurantKeys(spec);
            case DISHES -> new FieldKeys(spec, "restaurant_external_id", "name");
            case CUSTOMERS -> new FieldKeys(spec, "customer_ref");
            case PRODUCTS -> new ProductKeys(spec);
            case PURCHASES -> new FieldKeys(spec, "merchant", "transaction_ref");
            case REVIEWS -> new FieldKeys(spec, "review_ref");
            case INVENTORY -> new InventoryKeys(spec);
        };
    }
}
