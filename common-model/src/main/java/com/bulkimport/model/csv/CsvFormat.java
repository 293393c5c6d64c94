package com.bulkimport.model.csv;

import java.nio.charset.Charset;

/**
 * What sniffing found out about a file, reported to users as is.
 *
 * @param encodingReason why this encoding was chosen, e.g. "byte order mark" or "not valid UTF-8"
 * @param lineEnding     LF, CRLF or CR (of the first line break seen; the parser accepts all three)
 */
public record CsvFormat(Charset charset, String encodingReason, int bomLength, char delimiter,
                        String lineEnding, boolean gzip) {

    public String encodingName() {
        return charset.name();
    }

    public String delimiterName() {
        return switch (delimiter) {
            case '\t' -> "TAB";
            default -> String.valueOf(delimiter);
        };
    }
}
