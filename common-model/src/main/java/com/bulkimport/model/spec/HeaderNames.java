package com.bulkimport.model.spec;

import com.bulkimport.model.spec.Names;

/**
 * Header comparison that ignores case, accents, spacing and punctuation, and splits camel case:
 * "Restaurant ID", "restaurant_id" and "RestaurantId" are the same header.
 */
public final class HeaderNames {

    private static final java.util.regex.Pattern CAMEL_BOUNDARY = java.util.regex.Pattern.compile("(?<=\\p{Ll})(?=\\p{Lu})");

    private HeaderNames() {
    }

    public static String normalize(String header) {
        if (header == null) {
            return "";
        }
        String split = CAMEL_BOUNDARY.matcher(header).replaceAll(" ");
        return Names.normalize(split).replace(' ', '_');
    }
}
