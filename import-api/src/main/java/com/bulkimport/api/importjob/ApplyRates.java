package com.bulkimport.api.importjob;

import com.bulkimport.model.ImportKind;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * How fast this deployment applies each kind, from its recent imports ({@link
 * ImportJobRepository#recentApplyRowsPerSecond}), and how much its apply speeds up once a read beside it ends
 * ({@link ImportJobRepository#recentReadWeight}), each read at most once a minute per kind: a page polling every
 * two seconds must not scan the jobs table each time, and the figures move slowly.
 */
@Component
class ApplyRates {

    static final Duration FRESH_FOR = Duration.ofMinutes(1);
    /** The {@code events} option of a job that sets none. */
    static final String DEFAULT_EVENTS = "records";
    /**
     * The read weight before the deployment has finished an import that applied beside its read: bench/import-
     * throughput's million product rows, every record announced, gained 0.53 rows a second of apply per row a
     * second of read that stopped (4,700 rows/s beside a read of 6,800, then 8,300).
     */
    static final double DEFAULT_READ_WEIGHT = 0.5;

    private record Key(ImportKind kind, String events) {
    }

    private record Reading(Optional<Double> value, Instant at) {
    }

    private final ImportJobRepository jobs;
    private final Clock clock;
    private final Map<Key, Reading> readings = new ConcurrentHashMap<>();
    private final Map<Key, Reading> readWeights = new ConcurrentHashMap<>();

    ApplyRates(ImportJobRepository jobs) {
        this.jobs = jobs;
        this.clock = Clock.systemUTC();
    }

    /**
     * @param events the job's {@code events} option (null: the default)
     * @return rows per second, or null when no import of this kind and option has been applied recently
     */
    Double rowsPerSecond(ImportKind kind, String events) {
        return fresh(readings, key(kind, events), key -> jobs.recentApplyRowsPerSecond(kind, key.events()));
    }

    /**
     * Rows a second the apply gains when a read beside it ends, per row a second that read took; {@link
     * #DEFAULT_READ_WEIGHT} when no recent import of this kind and option applied beside its read.
     *
     * @param events the job's {@code events} option (null: the default)
     */
    double readWeight(ImportKind kind, String events) {
        Double weight = fresh(readWeights, key(kind, events), key -> jobs.recentReadWeight(kind, key.events()));
        return weight == null ? DEFAULT_READ_WEIGHT : weight;
    }

    private static Key key(ImportKind kind, String events) {
        return new Key(kind, events == null ? DEFAULT_EVENTS : events);
    }

    private Double fresh(Map<Key, Reading> cache, Key key, Function<Key, Double> query) {
        Instant now = clock.instant();
        Reading reading = cache.get(key);
        if (reading == null || reading.at().plus(FRESH_FOR).isBefore(now)) {
            reading = new Reading(Optional.ofNullable(query.apply(key)), now);
            cache.put(key, reading);
        }
        return reading.value().orElse(null);
    }
}
