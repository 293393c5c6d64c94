package com.bulkimport.model.csv;

/**
 * The file as a whole cannot be imported (empty, not text, unterminated quote...). The message is
 * written for the person who uploaded it and ends up on the failed job.
 */
public final class UnreadableFile extends RuntimeException {

    private final String code;

    public UnreadableFile(String code, String message) {
        super(message);
        this.code = code;
    }

    public UnreadableFile(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
