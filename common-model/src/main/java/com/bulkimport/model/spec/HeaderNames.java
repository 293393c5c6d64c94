package com.bulkimport.model.spec;

import java.text.Normalizer;
import java.util.Locale;

/** Header comparison that ignores case, accents, spacing and punctuation: "Restaurant ID" equals "restaurant_id". */
public final class HeaderNames {

    private HeaderNames() {
    }

    public static String normalize(String header) {
        if (header == null) {
            return "";
        }
        String folded = Normalizer.normalize(header, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replace('\u00A0', ' ')
                .trim();
        return folded.replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
    }
}
