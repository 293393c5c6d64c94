package com.bulkimport.api.errorreport;

import org.springframework.stereotype.Component;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many error-report downloads each user has running, in this instance's memory: a user at the limit is
 * refused until one of theirs ends, so one user's slow downloads cannot take every request thread and connection.
 */
@Component
class DownloadSlots {

    private final ErrorReportProperties properties;
    private final ConcurrentHashMap<String, Integer> running = new ConcurrentHashMap<>();

    DownloadSlots(ErrorReportProperties properties) {
        this.properties = properties;
    }

    /** A slot for one download of {@code user}; closing it (once or more) frees it. */
    Slot take(String user) {
        boolean[] taken = {false};
        running.compute(user, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= properties.downloadsPerUser()) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            throw new TooManyDownloads(properties.downloadsPerUser(), properties.retryAfter());
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                running.computeIfPresent(user, (key, count) -> count <= 1 ? null : count - 1);
            }
        };
    }

    /** One running download. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
