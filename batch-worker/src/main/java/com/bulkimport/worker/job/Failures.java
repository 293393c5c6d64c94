package com.bulkimport.worker.job;

import org.springframework.core.NestedExceptionUtils;

import java.sql.SQLException;

/**
 * A failure said in one line a job owner may read: the database's own message (first line, without
 * the statement), or the exception's message. SQL text and stack traces never reach a status.
 */
public final class Failures {

    private Failures() {
    }

    public static String describe(Throwable failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String firstLine = message.lines().findFirst().orElse(message).strip();
        if (cause instanceof SQLException) {
            firstLine = firstLine.replaceFirst("^ERROR:\\s*", "");
            return "database refused the batch: " + firstLine;
        }
        return firstLine.length() > 500 ? firstLine.substring(0, 500) : firstLine;
    }
}
