package com.bulkimport.engine.match;

import com.bulkimport.model.spec.Names;
import com.bulkimport.model.spec.KindSpec;

import java.util.List;

/** Restaurants: {@code id:<external id>}, else {@code nk:<name>|<address>|<city>} normalized. */
final class RestaurantKeys implements RowKeys {

    private final int externalId;
    private final int name;
    private final int address;
    private final int city;

    RestaurantKeys(KindSpec spec) {
        this.externalId = spec.indexOf("external_id");
        this.name = spec.indexOf("name");
        this.address = spec.indexOf("address");
        this.city = spec.indexOf("city");
    }

    @Override
    public List<String> derivedColumns() {
        return List.of();
    }

    @Override
    public String matchKey(String[] values) {
        String id = values[externalId];
        if (id != null) {
            return "id:" + id;
        }
        return "nk:" + Names.normalize(values[name]) + "|" + Names.normalize(values[address]) + "|"
                + Names.normalize(values[city]);
    }

    @Override
    public void derive(String[] values, String[] out) {
        // nothing derived
    }
}
