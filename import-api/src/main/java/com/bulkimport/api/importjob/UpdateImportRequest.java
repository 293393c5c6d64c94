package com.bulkimport.api.importjob;

import com.bulkimport.model.ImportOptions;

/**
 * Body of {@code PATCH /api/imports/{id}}: what the user settles after seeing the sample (the column
 * mapping, a delimiter or encoding the detection got wrong, dry run or not). Only while the job awaits
 * its start; a field left out keeps its value, {@code options} replaces the options as a whole.
 */
record UpdateImportRequest(String mode, ImportOptions options) {
}
