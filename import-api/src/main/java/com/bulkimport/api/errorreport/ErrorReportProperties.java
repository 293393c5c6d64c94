package com.bulkimport.api.errorreport;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the CSV error report is read and how many a user may download at once.
 *
 * @param pageSize             error rows per query: each page is its own short query, so a download holds no
 *                             database connection while it writes to a slow client
 * @param downloadsPerUser     downloads one user may run at the same time; the next is 429 {@code too-many-downloads}
 * @param retryAfter           the {@code Retry-After} of that 429
 */
@ConfigurationProperties("bulkimport.error-report")
record ErrorReportProperties(int pageSize, int downloadsPerUser, Duration retryAfter) {

    ErrorReportProperties {
        pageSize = pageSize <= 0 ? 200 : pageSize;
        downloadsPerUser = downloadsPerUser <= 0 ? 2 : downloadsPerUser;
        retryAfter = retryAfter == null ? Duration.ofSeconds(10) : retryAfter;
    }
}
