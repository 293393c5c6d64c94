package com.bulkimport.model.csv;

import java.nio.charset.Charset;

/** What the user told us about a file; null means "detect it". */
public record CsvHints(Charset charset, Character delimiter) {

    public static final CsvHints NONE = new CsvHints(null, null);

    public CsvHints withCharset(Charset forced) {
        return new CsvHints(forced, delimiter);
    }
}
