package com.bulkimport.model.match;

import com.bulkimport.model.ImportKind;
import com.bulkimport.model.spec.KindSpec;

/**
 * The key that says "same record" for a kind (DESIGN §5), computed from a validated row. Rows with
 * equal keys in one file are duplicates; a row whose key exists in the database is an update.
 */
public final class MatchKeys {

    private final int externalId;
    private final int name;
    private final int address;
    private final int city;

    private MatchKeys(KindSpec spec) {
        this.externalId = spec.indexOf("external_id");
        this.name = spec.indexOf("name");
        this.address = spec.indexOf("address");
        this.city = spec.indexOf("city");
    }

    public static MatchKeys forSpec(KindSpec spec) {
        if (spec.kind() != ImportKind.RESTAURANTS) {
            throw new IllegalArgumentException("no match key for " + spec.kind());
        }
        return new MatchKeys(spec);
    }

    /** Restaurants: {@code id:<external id>}, else {@code nk:<name>|<address>|<city>} normalized. */
    public String keyOf(String[] values) {
        String id = values[externalId];
        if (id != null) {
            return "id:" + id;
        }
        return "nk:" + Names.normalize(values[name]) + "|" + Names.normalize(values[address]) + "|"
                + Names.normalize(values[city]);
    }
}
