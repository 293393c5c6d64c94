package com.bulkimport.api.importjob;

import com.bulkimport.model.ImportOptions;
import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /api/imports}. Checked by {@link ImportRequestChecks}, which lists every problem at once. */
record CreateImportRequest(String kind, @Schema(maxLength = FileNames.MAX_LENGTH) String fileName, Long contentLength,
                           String mode, ImportOptions options,
                           @Schema(description = ImportRequestChecks.PRIORITY_DOC, allowableValues = {"high", "normal", "low"},
                                   defaultValue = "normal", maxLength = 6) String priority) {
}
