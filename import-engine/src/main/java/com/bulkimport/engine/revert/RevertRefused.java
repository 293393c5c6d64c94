package com.bulkimport.engine.revert;

/** A revert that cannot start: the import is not finished, was a dry run, is a revert, or has nothing left to undo. */
public final class RevertRefused extends RuntimeException {

    private final String code;

    RevertRefused(String code, String reason) {
        super(reason);
        this.code = code;
    }

    /** {@code not-revertible}, {@code revert-in-progress} or {@code nothing-to-revert}. */
    public String code() {
        return code;
    }
}
