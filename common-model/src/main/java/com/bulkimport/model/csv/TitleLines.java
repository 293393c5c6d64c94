package com.bulkimport.model.csv;

import java.util.List;

/**
 * A title above a file's table, as report exports write it: "Customer export, 31 March 2024" alone on the first
 * line (or centred across a sheet's merged cells), perhaps a blank line, then the header. Up to {@link #TITLE_LINES}
 * leading records with one filled field (Excel pads a CSV's lines with empty ones to the table's width) are a title
 * when the next record with a filled field has two or more: that record is the header. A table of one column keeps
 * its first record as the header, and more title-like records than that are a table, not a title.
 */
public final class TitleLines {

    public static final int TITLE_LINES = 3;
    /** Records with no filled field passed over while looking (Excel's padded blank lines), at most. */
    private static final int BLANK_LINES = 10;

    private TitleLines() {
    }

    /**
     * @param leading the file's first records, as far as read (after an Excel {@code sep=} line)
     * @param ended   whether the file ends after them
     * @return the index of the header among them, or -1 when the records read cannot tell yet
     */
    public static int headerIndex(List<List<String>> leading, boolean ended) {
        if (leading.isEmpty() || filled(leading.get(0)) != 1) {
            return 0;
        }
        int titles = 1;
        int blanks = 0;
        for (int i = 1; i < leading.size(); i++) {
            long filled = filled(leading.get(i));
            if (filled >= 2) {
                return i;
            }
            if (filled == 1 ? ++titles > TITLE_LINES : ++blanks > BLANK_LINES) {
                return 0;
            }
        }
        return ended ? 0 : -1;
    }

    /**
     * @param unit  "line" or "row", as the file counts them
     * @param first where the title starts
     * @param last  the last of the title's lines with a filled field
     * @param title the title's first filled field
     */
    public static String warning(String unit, long first, long last, long header, String title) {
        return (first == last ? unit + " " + first + " holds" : unit + "s " + first + "–" + last + " hold")
                + " a title above the header (" + unit + " " + header + "), not columns: skipped (\""
                + (title.length() > 60 ? title.substring(0, 60) + "…" : title) + "\")";
    }

    /** The first filled field of a record. */
    public static String firstFilled(List<String> fields) {
        return fields.stream().filter(f -> !f.isBlank()).findFirst().orElse("").strip();
    }

    public static long filled(List<String> fields) {
        return fields.stream().filter(f -> !f.isBlank()).count();
    }
}
