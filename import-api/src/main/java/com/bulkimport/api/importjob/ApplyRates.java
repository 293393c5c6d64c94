package com.bulkimport.api.importjob;

import com.bulkimport.model.ImportKind;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How fast this deployment applies each kind, from its recent imports ({@link
 * ImportJobRepository#recentApplyRowsPerSecond}), read at most once a minute per kind: a page polling every
 * two seconds must not scan the jobs table each time, and the figure moves slowly.
 */
@Component
class ApplyRates {

    static final Duration FRESH_FOR = Duration.ofMinutes(1);
    /** The {@code events} option of a job that sets none. */
    static final String DEFAULT_EVENTS = "records";

    private record Key(ImportKind kind, String events) {
    }

    private record Reading(Optional<Double> rowsPerSecond, Instant at) {
    }

    private final ImportJobRepository jobs;
    private final Clock clock;
    private final Map<Key, Reading> readings = new ConcurrentHashMap<>();

    ApplyRates(ImportJobRepository jobs) {
        this.jobs = jobs;
        this.clock = Clock.systemUTC();
    }

    /**
     * @param events the job's {@code events} option (null: the default)
     * @return rows per second, or null when no import of this kind and option has been applied recently
     */
    Double rowsPerSecond(ImportKind kind, String events) {
        Instant now = clock.instant();
        Key key = new Key(kind, events == null ? DEFAULT_EVENTS : events);
        Reading reading = readings.get(key);
        if (reading == null || reading.at().plus(FRESH_FOR).isBefore(now)) {
            reading = new Reading(Optional.ofNullable(jobs.recentApplyRowsPerSecond(kind, key.events())), now);
            readings.put(key, reading);
        }
        return reading.rowsPerSecond().orElse(null);
    }
}
