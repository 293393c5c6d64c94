package com.bulkimport.engine.match;

import com.bulkimport.model.spec.Names;
import com.bulkimport.model.spec.KindSpec;

import java.util.List;

/**
 * Products match in a cascade (docs/architecture.md, "Matching and duplicates"): sku, else GTIN barcode, else (image hash, when the image
 * pipeline lands) else normalized name + brand. The staging row keeps every identifier; the match
 * key is the strongest one present.
 */
final class ProductKeys implements RowKeys {

    private final int sku;
    private final int barcode;
    private final int name;
    private final int brand;

    ProductKeys(KindSpec spec) {
        this.sku = spec.indexOf("sku");
        this.barcode = spec.indexOf("barcode");
        this.name = spec.indexOf("name");
        this.brand = spec.indexOf("brand");
    }

    /** {@code name_brand_key}: normalized brand and name. (The quality score is a generated column.) */
    @Override
    public List<String> derivedColumns() {
        return List.of("name_brand_key");
    }

    @Override
    public String matchKey(String[] values) {
        if (values[sku] != null) {
            return "sku:" + values[sku];
        }
        if (values[barcode] != null) {
            return "gtin:" + values[barcode];
        }
        return "nb:" + nameBrandKey(values);
    }

    @Override
    public void derive(String[] values, String[] out) {
        out[0] = nameBrandKey(values);
    }

    /** "nestle#maggi 2 minute noodles": the seed's name-brand key. */
    String nameBrandKey(String[] values) {
        return Names.normalize(values[brand]) + "#" + Names.normalize(values[name]);
    }
}
