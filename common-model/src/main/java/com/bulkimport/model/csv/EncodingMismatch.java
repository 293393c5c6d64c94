package com.bulkimport.model.csv;

/**
 * The file looked like UTF-8 in its first megabyte but is not valid UTF-8 further on. Readers of
 * whole files restart with Windows-1252 ({@link Encodings#WINDOWS_1252}), which decodes every byte, and report
 * that they did.
 */
public final class EncodingMismatch extends RuntimeException {

    public EncodingMismatch(long line, Throwable cause) {
        super("invalid UTF-8 near line " + line, cause);
    }
}
