package com.bulkimport.api.errorreport;

import com.bulkimport.api.problem.TooManyRequests;

import java.time.Duration;

/** The caller already runs as many error-report downloads as one user may. */
class TooManyDownloads extends TooManyRequests {

    TooManyDownloads(int limit, Duration retryAfter) {
        super("too-many-downloads", "Too many downloads", "you may download at most " + limit
                + " error reports at a time; retry in " + retryAfter.toSeconds() + " s, or when one of yours has finished",
                retryAfter.toSeconds());
    }
}
