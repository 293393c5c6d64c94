package com.bulkimport.model.spec;

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
        String folded = (isAscii(text) ? text : stripMarks(Normalizer.normalize(text, Normalizer.Form.NFKD)))
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

    /** Most values are plain ASCII: skip the (costly) Unicode decomposition for them. */
    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String stripMarks(String decomposed) {
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            int type = Character.getType(c);
            if (type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK
                    && type != Character.COMBINING_SPACING_MARK) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
