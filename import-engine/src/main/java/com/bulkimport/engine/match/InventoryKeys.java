package com.bulkimport.engine.match;

import com.bulkimport.model.spec.KindSpec;

import java.util.List;

/**
 * An inventory row's key: the store and the product as the row names it, {@code <store_ref>|sku:<sku>}, else
 * {@code <store_ref>|barcode:<barcode>} (the validator refuses a row with neither). Which product that is only
 * the database knows: two rows naming one product by sku and by barcode have different keys here, and the
 * applier tells them apart (docs/architecture.md, "Matching and duplicates").
 */
final class InventoryKeys implements RowKeys {

    private final int store;
    private final int sku;
    private final int barcode;

    InventoryKeys(KindSpec spec) {
        store = spec.indexOf("store_ref");
        sku = spec.indexOf("sku");
        barcode = spec.indexOf("barcode");
    }

    @Override
    public List<String> derivedColumns() {
        return List.of();
    }

    @Override
    public String matchKey(String[] values) {
        String product = values[sku] != null ? "sku:" + values[sku] : "barcode:" + values[barcode];
        return values[store] + "|" + product;
    }

    @Override
    public void derive(String[] values, String[] out) {
        // nothing derived
    }
}
