package com.bulkimport.model.spec;

/** A value that does not fit its field; carries the stable error code. */
public final class InvalidValue extends Exception {

    private final String code;

    public InvalidValue(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
