package com.bulkimport.engine.purchase;

import com.bulkimport.engine.job.JobRef;
import com.bulkimport.engine.staging.StagingTable;
import com.bulkimport.engine.testing.EngineDatabase;
import com.bulkimport.engine.testing.Staging;
import com.bulkimport.engine.testing.TestJobs;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.JobStatus;
import com.bulkimport.local.embedded.testkit.QueryPlans;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A tenant the statistics do not know (analyzed while another tenant held the customers and products) is
 * estimated at a row or so, so an index on the tenant alone looks as cheap as the key's. The purchase rules must
 * still find each line's customer, sku and earlier transaction by its key, never by a scan of the tenant's records per line (at
 * 26,000 customers that was 2.4 ms a row, quadratic in the tenant's size).
 */
class PurchaseLookupPlansIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int OTHERS = 20_000;
    private static final int OWN = 2_000;
    private static final List<String> HEADER = List.of("transaction_ref", "merchant", "customer_ref", "purchased_at",
            "sku", "quantity");

    private final EngineDatabase db = EngineDatabase.shared();
    private final TestJobs jobs = new TestJobs(db);
    private final Staging staging = new Staging(db);

    private void customersAndProducts(String tenant, int count) {
        db.jdbc.sql("INSERT INTO customers (tenant, match_key, customer_ref, name)"
                + " SELECT :t, 'C' || i, 'C' || i, 'Customer ' || i FROM generate_series(1, :n) i")
                .param("t", tenant).param("n", count).update();
        db.jdbc.sql("INSERT INTO products (tenant, sku, name, category, name_brand_key)"
                + " SELECT :t, 'SKU-' || i, 'Product ' || i, 'Food', 'product ' || i || '#'"
                + " FROM generate_series(1, :n) i").param("t", tenant).param("n", count).update();
        db.jdbc.sql("INSERT INTO purchases (tenant, merchant, transaction_ref, customer_ref, item_count)"
                + " SELECT :t, 'm1', 'T' || i, 'C' || i, 1 FROM generate_series(1, :n) i")
                .param("t", tenant).param("n", count).update();
    }

    private JsonNode plan(String select, JobRef job) {
        String explain = "EXPLAIN (ANALYZE, FORMAT JSON) " + select.formatted(StagingTable.RAW_VALUES);
        return JSON.readTree(db.jdbc.sql(explain).param("job", job.id()).param("tenant", jobs.tenant)
                .query(String.class).single()).get(0).get("Plan");
    }

    private long found(String select, JobRef job) {
        return db.jdbc.sql("SELECT count(*) FROM (" + select.formatted("NULL") + ") f").param("job", job.id())
                .param("tenant", jobs.tenant).query(Long.class).single();
    }

    @Test
    void linesOfATenantTheStatisticsDoNotKnowFindTheirCustomerAndSkuByKey() {
        customersAndProducts("other-" + UUID.randomUUID(), OTHERS);
        db.jdbc.sql("ANALYZE customers").update();
        db.jdbc.sql("ANALYZE products").update();
        db.jdbc.sql("ANALYZE purchases").update();
        customersAndProducts(jobs.tenant, OWN);
        assumeThat(estimatedRows("customers")).as("the planner's estimate of the tenant's customers")
                .isLessThan(OWN / 10.0);
        assumeThat(estimatedRows("products")).as("the planner's estimate of the tenant's products")
                .isLessThan(OWN / 10.0);
        assumeThat(estimatedRows("purchases")).as("the planner's estimate of the tenant's purchases")
                .isLessThan(OWN / 10.0);
        // a line for each customer, sku and transaction the tenant has, and one more naming none of them
        List<List<String>> lines = new ArrayList<>();
        for (int i = 1; i <= OWN + 1; i++) {
            String n = i <= OWN ? String.valueOf(i) : "unknown";
            lines.add(List.of("T" + i, "m1", "C" + n, "2024-01-01 10:00:00", "SKU-" + n, "1"));
        }
        JobRef job = jobs.insert(ImportKind.PURCHASES, ImportMode.COMMIT, JobStatus.INGESTING);
        db.tx.executeWithoutResult(s -> staging.stage(job, OWN + 1, HEADER, lines));

        assertThat(found(PurchaseRules.UNKNOWN_CUSTOMERS, job)).isEqualTo(1);
        assertThat(found(PurchaseRules.UNKNOWN_SKUS, job)).isEqualTo(1);
        assertThat(found(PurchaseRules.KNOWN_TRANSACTIONS, job)).isEqualTo(OWN);
        assertReadsLinear(plan(PurchaseRules.UNKNOWN_CUSTOMERS, job), "customers");
        assertReadsLinear(plan(PurchaseRules.UNKNOWN_SKUS, job), "products");
        assertReadsLinear(plan(PurchaseRules.KNOWN_TRANSACTIONS, job), "purchases");
    }

    private double estimatedRows(String table) {
        return JSON.readTree(db.jdbc.sql("EXPLAIN (FORMAT JSON) SELECT * FROM " + table + " WHERE tenant = :t")
                .param("t", jobs.tenant).query(String.class).single()).get(0).get("Plan").path("Plan Rows").asDouble();
    }

    /**
     * The records the statement reads from {@code table}, over all loops, are at most all of them once (a hash
     * anti-join over a scan: the table holds other tests' records too) and a row per line (a probe by key); a scan of
     * the tenant per line reads millions.
     */
    private void assertReadsLinear(JsonNode plan, String table) {
        long most = db.jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single() + OWN + 1;
        assertThat(QueryPlans.scansOf(plan, table)).isNotEmpty();
        assertThat(QueryPlans.rowsRead(plan, table)).as("%s rows read by %s", table, QueryPlans.scansOf(plan, table))
                .isLessThanOrEqualTo(most);
    }
}
