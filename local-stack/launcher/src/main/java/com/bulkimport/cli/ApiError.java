package com.bulkimport.cli;

/** The API refused a request; carries the problem detail's words. Exit code 1. */
final class ApiError extends RuntimeException {

    private final String problemType;

    ApiError(String message) {
        this(message, null);
    }

    /** @param problemType the problem's {@code type} URI, so a command can add advice for one refusal it knows */
    ApiError(String message, String problemType) {
        super(message);
        this.problemType = problemType;
    }

    /** Whether the API's problem was of this type (its slug, e.g. {@code webhook-target-refused}). */
    boolean is(String slug) {
        return problemType != null && problemType.endsWith("/" + slug);
    }
}
