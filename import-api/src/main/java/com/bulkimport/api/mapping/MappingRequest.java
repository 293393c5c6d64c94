package com.bulkimport.api.mapping;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/** Body of {@code POST /api/mappings}: a named mapping of a kind. */
record MappingRequest(
        @Schema(description = "unique per tenant and kind, any case", maxLength = MappingChecks.MAX_NAME) String name,
        @Schema(description = "the import kind the mapping is for, e.g. products", maxLength = 32) String kind,
        @Schema(description = "header as in the file → field; \"\" ignores the column. At most"
                + " bulkimport.limits.max-columns entries (500)") Map<String, String> mapping) {
}
