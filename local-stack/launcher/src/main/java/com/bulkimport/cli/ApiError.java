package com.bulkimport.cli;

/** The API refused a request; carries the problem detail's words. Exit code 1. */
final class ApiError extends RuntimeException {
    ApiError(String message) {
        super(message);
    }
}
