package com.bulkimport.api.importjob;

import com.bulkimport.model.ImportOptions;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import java.util.List;

/** Body of {@code POST /api/imports/rows}: rows as JSON objects, field names as keys. */
record InlineImportRequest(String kind, String mode, @Schema(maxLength = FileNames.MAX_LENGTH) String fileName,
                           ImportOptions options, List<JsonNode> rows,
                           @Schema(description = ImportRequestChecks.PRIORITY_DOC, allowableValues = {"high", "normal", "low"},
                                   defaultValue = "normal", maxLength = 6) String priority) {
}
