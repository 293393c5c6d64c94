package com.bulkimport.api.mapping;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A column mapping as the API shows it. {@code name} is null for a remembered one (the last confirmed for its
 * header); {@code mapping} goes from header (as in the file) to field, {@code ""} ignoring the column.
 */
public record SavedMapping(UUID id, String name, String kind, Map<String, String> mapping, String createdBy,
                           Instant createdAt, String updatedBy, Instant updatedAt) {

    /** {@code named} or {@code remembered}: how a sample says it found this mapping ({@code matched_by}). */
    public String source() {
        return name == null ? "remembered" : "named";
    }
}
