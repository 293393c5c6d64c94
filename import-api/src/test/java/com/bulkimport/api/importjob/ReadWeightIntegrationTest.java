package com.bulkimport.api.importjob;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.model.ImportKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What the deployment's finished jobs say of how much an apply speeds up once the read beside it ends
 * ({@link ImportJobRepository#recentReadWeight}), for jobs whose timestamps and counters are set by SQL as the
 * worker leaves them; every expected figure worked out by hand. Restaurants with {@code events: summary}, which no
 * other test of this module finishes.
 */
class ReadWeightIntegrationTest extends ApiIntegrationTest {

    private static final Instant T0 = Instant.now().minusSeconds(3_600);

    @Autowired
    private ImportJobRepository repository;

    private final List<UUID> inserted = new ArrayList<>();

    @AfterEach
    void forgetTheJobs() {
        jdbc.sql("DELETE FROM import_jobs WHERE id = ANY(:ids)").param("ids", inserted.toArray(new UUID[0])).update();
    }

    @Test
    void theWeightIsTheApplysGainAfterTheReadPerRowASecondOfReadAveragedOverTheJobsThatQualify() {
        // read 100,000 rows in 100 s (1,000 rows/s); the apply, from 10 s on, did 45,000 beside it (500 rows/s) and
        // the other 55,000 in the 50 s after it (1,100 rows/s): (1,100 - 500) / 1,000 = 0.6
        finished("summary", 100_000, 10, 100, 45_000, 150);
        // an apply slower after its read (500 rows/s beside it, 400 after): its gain of -0.1 counts as 0
        finished("summary", 20_000, 0, 20, 10_000, 45);
        // left out: another events option; a read that ended before a second of apply beside it; an apply that
        // kept up with its read (4,500 of 100,000 rows left at its end, fewer than a tenth)
        finished("records", 100_000, 10, 100, 10_000, 110);
        finished("summary", 100_000, 99.5, 100, 1_000, 200);
        finished("summary", 100_000, 10, 100, 95_500, 102);

        assertThat(repository.recentReadWeight(ImportKind.RESTAURANTS, "summary")).isCloseTo(0.3, within(1e-9));
        assertThat(repository.recentReadWeight(ImportKind.RESTAURANTS, "records")).isCloseTo(
                Math.min(3.0, (90_000 / 10.0 - 10_000 / 90.0) / 1_000), within(1e-9));
        assertThat(repository.recentReadWeight(ImportKind.RESTAURANTS, "none")).isNull();
    }

    @Test
    void aGainOfMoreThanThreeCountsAsThree() {
        // 1,000 rows/s of read; 10 rows/s beside it, 9,000 after it
        finished("summary", 100_000, 0, 100, 1_000, 111);
        assertThat(repository.recentReadWeight(ImportKind.RESTAURANTS, "summary")).isCloseTo(3.0, within(1e-9));
    }

    /** A COMPLETED job started at T0, its apply, read end and completion that many seconds after it. */
    private void finished(String events, long rows, double applyStart, double readEnd, long processedAtReadEnd,
                          double completed) {
        UUID id = UUID.randomUUID();
        inserted.add(id);
        jdbc.sql("""
                        INSERT INTO import_jobs (id, owner, tenant, kind, mode, status, file_name, options, total_rows,
                                                 processed_rows, created_count, started_at, apply_started_at,
                                                 apply_base_rows, read_ended_at, read_end_processed_rows, completed_at)
                        VALUES (:id, 'read-weight', 'read-weight', 'restaurants', 'COMMIT', 'COMPLETED', 'r.csv',
                                jsonb_build_object('events', :events), :rows, :rows, :rows, :started, :applyStarted, 0,
                                :readEnded, :atReadEnd, :completed)""")
                .param("id", id).param("events", events).param("rows", rows).param("started", at(0))
                .param("applyStarted", at(applyStart)).param("readEnded", at(readEnd))
                .param("atReadEnd", processedAtReadEnd).param("completed", at(completed)).update();
    }

    private static Timestamp at(double seconds) {
        return Timestamp.from(T0.plusMillis(Math.round(seconds * 1000)));
    }
}
