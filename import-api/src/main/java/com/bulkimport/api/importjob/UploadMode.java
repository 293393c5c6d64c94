package com.bulkimport.api.importjob;

import java.util.Locale;
import java.util.Optional;

/**
 * How a client uploads a job's file: one presigned PUT, or a resumable multipart upload (parts in any order
 * and in parallel, listed, completed). AUTO chooses by the declared size against the multipart threshold, and
 * multipart for anything above S3's largest single PUT whatever the threshold.
 */
enum UploadMode {
    AUTO, SINGLE, MULTIPART;

    /** S3's largest object in one PUT: 5 GiB. */
    static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;

    static Optional<UploadMode> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(AUTO);
        }
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether a file of {@code size} bytes goes up in parts. */
    boolean inParts(long size, long threshold) {
        return switch (this) {
            case SINGLE -> false;
            case MULTIPART -> true;
            case AUTO -> size >= threshold || size > MAX_SINGLE_PUT;
        };
    }
}
