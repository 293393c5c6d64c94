package com.bulkimport.model.csv;

import java.nio.charset.Charset;

/**
 * What the user told us about a file; null means "detect it".
 *
 * @param charset Windows-1252 under any of its names is read as {@link Encodings#WINDOWS_1252}, which keeps the
 *                bytes the JDK's refuses
 */
public record CsvHints(Charset charset, Character delimiter) {

    public static final CsvHints NONE = new CsvHints(null, null);

    public CsvHints {
        charset = charset == null ? null : Encodings.lossless(charset);
    }

    public CsvHints withCharset(Charset forced) {
        return new CsvHints(forced, delimiter);
    }
}
