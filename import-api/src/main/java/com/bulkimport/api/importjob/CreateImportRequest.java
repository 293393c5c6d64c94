package com.bulkimport.api.importjob;

import com.bulkimport.model.ImportOptions;

/** Body of {@code POST /api/imports}. Checked by {@link ImportRequestChecks}, which lists every problem at once. */
record CreateImportRequest(String kind, String fileName, Long contentLength, String mode, ImportOptions options) {
}
