package com.bulkimport.model.match;

import java.text.Normalizer;
import java.util.Locale;

/** Normalization for matching names: case, accents, punctuation and spacing do not tell two records apart. */
public final class Names {

    private Names() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        boolean space = false;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                out.append(c);
                space = false;
            } else {
                space = true;
            }
        }
        return out.toString();
    }
}
