package com.bulkimport.model;

import java.util.Locale;

/**
 * Text an imported file decides (its column names, its cells, the failure reasons that quote them) made fit
 * for one log line: every control character (C0 with TAB, CR, LF and ESC, DEL, C1) and the Unicode line and
 * paragraph separators become a <code>&#92;uXXXX</code> escape, so a file can neither end a line and forge the next
 * one nor colour or rewrite an operator's terminal. Everything else is kept as it is.
 */
public final class LogText {

    private LogText() {
    }

    /** @return the text with every unsafe character escaped; null stays null */
    public static String clean(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';
    }
}
