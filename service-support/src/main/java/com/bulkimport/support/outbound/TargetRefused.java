package com.bulkimport.support.outbound;

/** A URL this system will not send to: its form, its scheme, or an address its host resolves to. */
public final class TargetRefused extends RuntimeException {

    public TargetRefused(String reason) {
        super(reason, null, false, false);
    }

    /** What is wrong with the target, for the person who chose it (never more than the URL they gave). */
    public String reason() {
        return getMessage();
    }
}
