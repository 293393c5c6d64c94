package com.bulkimport.worker.retention;

import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finished jobs past retention go with everything they left behind (batches, row errors, staging rows,
 * the uploaded file); younger or live jobs, and the imported domain rows, stay.
 */
class RetentionSweeperIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    RetentionSweeper sweeper;

    private static final String FILE = "external_id,name,city\nR1,One,Lisbon\nR2,,Porto\nR1,Again,Lisbon\n";

    private UUID finishedDaysAgo(int days) {
        UUID jobId = importFile("restaurants", utf8(FILE), "{}");
        jdbc.sql("UPDATE import_jobs SET completed_at = now() - make_interval(days => :days) WHERE id = :id")
                .param("days", days).param("id", jobId).update();
        return jobId;
    }

    private long count(String sql, UUID jobId) {
        return jdbc.sql(sql).param("id", jobId).query(Long.class).single();
    }

    private boolean uploadExists(UUID jobId) {
        String key = jdbc.sql("SELECT object_key FROM import_jobs WHERE id = :id").param("id", jobId)
                .query(String.class).optional().orElse("imports/" + jobId + "/file.csv");
        try {
            s3.headObject(b -> b.bucket(com.bulkimport.local.embedded.LocalInfra.BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Test
    void finishedJobsPastRetentionGoWithTheirTraceAndEverythingElseStays() {
        UUID old = finishedDaysAgo(31);
        UUID recent = finishedDaysAgo(29);
        UUID live = pendingJob("restaurants", utf8(FILE), "{}", "COMMIT");
        jdbc.sql("UPDATE import_jobs SET created_at = now() - interval '60 days', updated_at = now() - interval '60 days'"
                + " WHERE id = :id").param("id", live).update();
        // a failed job keeps its staged rows for a retry: they go with it
        jdbc.sql("INSERT INTO staging_restaurants (job_id, row_number, batch_seq, name, match_key)"
                + " VALUES (:id, 99, 0, 'Left', 'left')").param("id", old).update();
        UUID oldEvent = UUID.randomUUID();
        UUID newEvent = UUID.randomUUID();
        jdbc.sql("INSERT INTO inbox_messages (consumer, event_id, processed_at) VALUES ('retention-test', :old,"
                + " now() - interval '31 days'), ('retention-test', :new, now())")
                .param("old", oldEvent).param("new", newEvent).update();
        assertThat(count("SELECT count(*) FROM import_row_errors WHERE job_id = :id", old)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM import_batches WHERE job_id = :id", old)).isEqualTo(1);
        assertThat(uploadExists(old)).isTrue();
        long expiredBefore = jdbc.sql("SELECT count(*) FROM import_jobs WHERE status IN ('COMPLETED',"
                        + " 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED') AND coalesce(completed_at, updated_at, created_at)"
                        + " < now() - interval '30 days'").query(Long.class).single();

        RetentionSweeper.Sweep sweep = sweeper.sweep();

        assertThat(sweep.jobs()).isEqualTo(expiredBefore).isGreaterThanOrEqualTo(1);
        assertThat(sweep.uploads()).isEqualTo(expiredBefore);
        assertThat(sweep.inboxRows()).isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM import_jobs WHERE id = :id", old)).isZero();
        assertThat(count("SELECT count(*) FROM import_row_errors WHERE job_id = :id", old)).isZero();
        assertThat(count("SELECT count(*) FROM import_batches WHERE job_id = :id", old)).isZero();
        assertThat(count("SELECT count(*) FROM staging_restaurants WHERE job_id = :id", old)).isZero();
        assertThat(uploadExists(old)).isFalse();
        for (UUID kept : new UUID[] {recent, live}) {
            assertThat(count("SELECT count(*) FROM import_jobs WHERE id = :id", kept)).isEqualTo(1);
            assertThat(uploadExists(kept)).isTrue();
        }
        assertThat(count("SELECT count(*) FROM import_row_errors WHERE job_id = :id", recent)).isEqualTo(2);
        // what the imports wrote is the result, not their trace: R1 of both finished jobs is still there
        assertThat(jdbc.sql("SELECT count(*) FROM restaurants WHERE tenant = :t AND external_id = 'R1'")
                .param("t", tenant).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT event_id FROM inbox_messages WHERE consumer = 'retention-test'")
                .query(UUID.class).list()).containsExactly(newEvent);

        assertThat(sweeper.sweep().jobs()).isZero();
    }
}
