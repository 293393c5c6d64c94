package com.bulkimport.engine.staging;

import com.bulkimport.model.spec.FieldProblem;

/**
 * A warning about a staged row ({@link StagedExtras}): the problem, and what it is about beyond its column
 * ({@code import_row_errors.subject}: an image warning's URL in full), or null.
 */
public record RowWarning(FieldProblem problem, String subject) {
}
