package com.bulkimport.engine.purchase;

import com.bulkimport.engine.batch.Batch;
import com.bulkimport.engine.job.JobRef;
import com.bulkimport.engine.staging.StagingSummary;
import com.bulkimport.engine.testing.EngineDatabase;
import com.bulkimport.engine.testing.Staging;
import com.bulkimport.engine.testing.TestJobs;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.JobStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The purchase-import rules on staged lines, through the release that runs them: unknown customers
 * and skus, a transaction whose lines disagree on the customer, lines of one transaction at different
 * times; all or nothing by default, or only the affected transactions refused.
 */
class PurchaseRulesIntegrationTest {

    private static final List<String> HEADER = List.of("transaction_ref", "merchant", "customer_ref", "purchased_at",
            "sku", "quantity");
    private static final List<List<String>> LINES = List.of(
            List.of("T1", "m1", "C1", "2024-01-01 10:00:00", "SKU-A", "1"),
            List.of("T1", "m1", "C1", "2024-01-01 10:00:00", "SKU-X", "1"),   // 2: no such sku
            List.of("T2", "m1", "C1", "2024-01-01 11:00:00", "SKU-A", "2"),
            List.of("T2", "m1", "C2", "2024-01-01 11:00:00", "SKU-B", "1"),   // 4: T2's first line names C1
            List.of("T3", "m1", "C9", "2024-01-01 12:00:00", "SKU-B", "1"),   // 5: no such customer
            List.of("T4", "m1", "C2", "2024-01-01 13:00:00", "SKU-A", "1"),
            List.of("T4", "m1", "C2", "2024-01-01 13:01:00", "SKU-B", "3"));  // 7: a minute later than its line 6

    private final EngineDatabase db = EngineDatabase.shared();
    private final TestJobs jobs = new TestJobs(db);
    private final Staging staging = new Staging(db);

    @BeforeEach
    void customersAndProducts() {
        for (String ref : List.of("C1", "C2")) {
            db.jdbc.sql("INSERT INTO customers (tenant, match_key, customer_ref, name) VALUES (:t, :ref, :ref, :ref)")
                    .param("t", jobs.tenant).param("ref", ref).update();
        }
        for (String sku : List.of("SKU-A", "SKU-B")) {
            db.jdbc.sql("INSERT INTO products (tenant, sku, name, category, name_brand_key)"
                            + " VALUES (:t, :sku, :sku, 'Food', :sku || '#')")
                    .param("t", jobs.tenant).param("sku", sku).update();
        }
    }

    private List<Batch> release(JobRef job) {
        return db.tx.execute(s -> {
            StagingSummary summary = staging.stage(job, 100, HEADER, LINES);
            return db.release.release(job, summary, 100);
        });
    }

    private List<List<Object>> rowErrors(JobRef job) {
        return db.jdbc.sql("SELECT row_number, column_name, code FROM import_row_errors WHERE job_id = :job"
                        + " ORDER BY row_number").param("job", job.id())
                .query((rs, n) -> List.<Object>of(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    @Test
    void byDefaultOneRefusedLineRefusesTheWholeFile() {
        JobRef job = jobs.insert(ImportKind.PURCHASES, ImportMode.COMMIT, JobStatus.INGESTING);

        assertThat(release(job)).isEmpty();

        assertThat(jobs.status(job)).isEqualTo(JobStatus.FAILED);
        assertThat(jobs.column(job, "failure_code")).isEqualTo("ATOMIC_IMPORT_REFUSED");
        assertThat(jobs.column(job, "failure_reason").toString())
                .startsWith("nothing was imported (the import is all or nothing): ")
                .contains("1 line(s) with unknown skus: SKU-X")
                .contains("1 line(s) with unknown customers: C9")
                .contains("1 line(s): lines disagree on their customer");
        assertThat(jobs.column(job, "error_count")).isEqualTo(3L);
        assertThat(rowErrors(job)).containsExactly(List.of(2L, "sku", "UNKNOWN_SKU"),
                List.of(4L, "customer_ref", "INCONSISTENT_CUSTOMER"), List.of(5L, "customer_ref", "UNKNOWN_CUSTOMER"));
        assertThat(db.jdbc.sql("SELECT count(*) FROM staging_purchases WHERE job_id = :job").param("job", job.id())
                .query(Long.class).single()).as("nothing left to apply").isZero();
        assertThat(jobs.eventTypes(job)).containsExactly("IMPORT_JOB_FAILED");
    }

    @Test
    void otherwiseOnlyTheTransactionsWithARefusedLineAreLeftOut() {
        JobRef job = jobs.insert(ImportKind.PURCHASES, ImportMode.COMMIT, JobStatus.INGESTING, "{\"atomic\": false}");

        List<Batch> batches = release(job);

        assertThat(batches).extracting(Batch::seq, Batch::rowCount).containsExactly(tuple(0, 2));
        assertThat(jobs.status(job)).isEqualTo(JobStatus.APPLYING);
        assertThat(jobs.column(job, "error_count")).as("every line of T1, T2 and T3").isEqualTo(5L);
        assertThat(rowErrors(job)).extracting(r -> r.get(0)).containsExactly(2L, 4L, 5L);
        assertThat(db.jdbc.sql("SELECT DISTINCT transaction_ref FROM staging_purchases WHERE job_id = :job")
                .param("job", job.id()).query(String.class).list()).containsExactly("T4");
        assertThat(db.jdbc.sql("SELECT count(DISTINCT purchased_at) FROM staging_purchases WHERE job_id = :job")
                .param("job", job.id()).query(Long.class).single()).as("T4's lines take its earliest time").isEqualTo(1L);
        assertThat(jobs.column(job, "warnings").toString())
                .contains("1 transaction(s) had lines at different times; each took its earliest time");
    }
}
