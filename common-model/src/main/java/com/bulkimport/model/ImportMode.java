package com.bulkimport.model;

import java.util.Locale;
import java.util.Optional;

/** COMMIT writes to the domain tables; DRY_RUN only classifies rows against them. */
public enum ImportMode {
    COMMIT, DRY_RUN;

    /** Accepts {@code COMMIT}, {@code commit}, {@code DRY_RUN}, {@code dry-run}, {@code dry_run}. */
    public static Optional<ImportMode> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(COMMIT);
        }
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (ImportMode mode : values()) {
            if (mode.name().equals(normalized)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
