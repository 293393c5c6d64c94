package com.bulkimport.api.importjob;

import com.bulkimport.model.ImportOptions;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /api/imports}. Checked by {@link ImportRequestChecks}, which lists every problem at once.
 * {@code uploadMode}: {@code auto} (default: in parts from the multipart threshold on), {@code single} or
 * {@code multipart} (see {@link UploadMode}).
 */
record CreateImportRequest(String kind, @Schema(maxLength = FileNames.MAX_LENGTH) String fileName, Long contentLength,
                           String mode, ImportOptions options,
                           @Schema(allowableValues = {"auto", "single", "multipart"}, description = "how the file is"
                                   + " uploaded: auto (default) uploads a file of at least the multipart threshold"
                                   + " (64 MB) in parts, a smaller one in one PUT; single and multipart choose")
                           String uploadMode,
                           @Schema(description = ImportRequestChecks.PRIORITY_DOC, allowableValues = {"high", "normal", "low"},
                                   defaultValue = "normal", maxLength = 6) String priority,
                           @Schema(description = "apply the tenant's mapping of this name (GET /api/mappings) as"
                                   + " options.column_mapping; not with a column_mapping of its own",
                                   maxLength = 100) String mappingName) {
}
