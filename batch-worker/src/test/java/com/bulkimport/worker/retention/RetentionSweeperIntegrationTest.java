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

    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;
    @Autowired
    com.bulkimport.worker.ingest.UploadBucket upload;

    private UUID delivery(UUID endpoint, String status, String created, String ended) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, message_id, payload, status,"
                        + " created_at, delivered_at, last_attempt_at) VALUES (:id, :endpoint, gen_random_uuid(),"
                        + " 'IMPORT_JOB_COMPLETED', 'msg_x', '{}', :status, now() - CAST(:created AS interval),"
                        + " CASE WHEN :status = 'DELIVERED' THEN now() - CAST(:ended AS interval) END,"
                        + " now() - CAST(:ended AS interval))")
                .param("id", id).param("endpoint", endpoint).param("status", status).param("created", created)
                .param("ended", ended).update();
        return id;
    }

    private UUID mail(String status, String created, String sent) {
        return jdbc.sql("INSERT INTO email_notifications (reason, recipients, payload, status, created_at, sent_at)"
                        + " VALUES ('JOB_FINISHED', ARRAY['a@example.test'], '{}', :status,"
                        + " now() - CAST(:created AS interval), now() - CAST(:sent AS interval)) RETURNING id")
                .param("status", status).param("created", created).param("sent", sent).query(UUID.class).single();
    }

    /** Batches of two, so five expired deliveries take three statements; PENDING and recently ended rows stay. */
    @Test
    void endedDeliveriesAndMailsPastRetentionGoInBatchesAndPendingOnesNever() {
        UUID endpoint = UUID.randomUUID();
        jdbc.sql("INSERT INTO webhook_endpoints (id, tenant, owner, url, event_types, secret) VALUES (:id, :tenant,"
                + " 'tester', 'https://example.test/hook', ARRAY['*'], 'whsec_x')").param("id", endpoint)
                .param("tenant", tenant).update();
        UUID deliveredOld = delivery(endpoint, "DELIVERED", "40 days", "35 days");
        jdbc.sql("INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code) VALUES"
                + " (:id, 1, now() - interval '36 days', 5, 500), (:id, 2, now() - interval '35 days', 5, 200)")
                .param("id", deliveredOld).update();
        delivery(endpoint, "DELIVERED", "40 days", "39 days");
        delivery(endpoint, "DELIVERED", "31 days", "31 days");
        delivery(endpoint, "FAILED", "40 days", "39 days");
        UUID disabledOld = delivery(endpoint, "FAILED", "40 days", "40 days");
        jdbc.sql("UPDATE webhook_deliveries SET last_attempt_at = NULL WHERE id = :id").param("id", disabledOld).update();
        UUID pendingOld = delivery(endpoint, "PENDING", "40 days", "39 days");
        UUID redelivered = delivery(endpoint, "DELIVERED", "40 days", "1 day");
        UUID recent = delivery(endpoint, "DELIVERED", "1 day", "1 day");
        UUID sentOld = mail("SENT", "40 days", "40 days");
        mail("SENT", "31 days", "31 days");
        mail("FAILED", "40 days", "40 days");
        UUID pendingMail = mail("PENDING", "40 days", "40 days");
        UUID sentLately = mail("SENT", "40 days", "2 days");
        UUID recentMail = mail("SENT", "1 day", "1 day");
        String historyTenant = "history-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO record_history (tenant, record_table, record_id, job_id, op, changed_at)"
                + " SELECT :t, 'restaurants', n, :job, 'CREATED', now() - CASE WHEN n <= 5 THEN interval '31 days'"
                + " ELSE interval '29 days' END FROM generate_series(1, 6) n")
                .param("t", historyTenant).param("job", UUID.randomUUID()).update();
        RetentionSweeper batchesOfTwo = new RetentionSweeper(jdbc, tx, s3, upload,
                new RetentionProperties(true, null, null, null, null, null, false, 2, null));

        RetentionSweeper.Sweep sweep = batchesOfTwo.sweep();

        assertThat(sweep.webhookDeliveries()).isEqualTo(5);
        assertThat(sweep.mails()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT id FROM webhook_deliveries WHERE endpoint_id = :id").param("id", endpoint)
                .query(UUID.class).set()).containsExactlyInAnyOrder(pendingOld, redelivered, recent);
        assertThat(count("SELECT count(*) FROM webhook_attempts WHERE delivery_id = :id", deliveredOld)).isZero();
        assertThat(jdbc.sql("SELECT id FROM email_notifications WHERE id IN (:a, :b, :c, :d)")
                .param("a", sentOld).param("b", pendingMail).param("c", sentLately).param("d", recentMail)
                .query(UUID.class).set()).containsExactlyInAnyOrder(pendingMail, sentLately, recentMail);
        assertThat(sweep.historyRows()).isGreaterThanOrEqualTo(5);
        assertThat(jdbc.sql("SELECT record_id FROM record_history WHERE tenant = :t").param("t", historyTenant)
                .query(Long.class).list()).as("what changed within 30 days can still be reverted").containsExactly(6L);
        RetentionSweeper.Sweep again = batchesOfTwo.sweep();
        assertThat(again.webhookDeliveries()).isZero();
        assertThat(again.mails()).isZero();
    }
}
