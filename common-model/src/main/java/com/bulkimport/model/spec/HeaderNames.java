package com.bulkimport.model.spec;

import com.bulkimport.model.match.Names;

/** Header comparison that ignores case, accents, spacing and punctuation: "Restaurant ID" equals "restaurant_id". */
public final class HeaderNames {

    private HeaderNames() {
    }

    public static String normalize(String header) {
        return Names.normalize(header).replace(' ', '_');
    }
}
