package com.bulkimport.cli;

/** The command line itself is wrong; exit code 2. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }
}
