package com.bulkimport.worker.apply;

import com.bulkimport.model.EventDetail;
import com.bulkimport.model.ImportKind;
import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.local.embedded.testkit.QueryPlans;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A job whose staged rows the statistics have not seen yet (every new job, until autovacuum analyzes the staging
 * table) makes the planner believe its batch holds a row. The statement that announces each record must not then
 * read one of its CTEs once per row of another: at 1,000 rows a batch that was a million row copies, and three
 * quarters of PostgreSQL's time in an announced import. Each CTE is read once, whatever the estimates.
 */
class RecordEventPlansIntegrationTest extends WorkerIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ROWS = 400;

    @Autowired
    private List<BatchApplier> appliers;

    private static byte[] products(int from, int to) {
        StringBuilder csv = new StringBuilder("sku,name,brand,category\n");
        for (int i = from; i <= to; i++) {
            csv.append("SKU-").append(i).append(",Product ").append(i).append(",Acme,Snacks\n");
        }
        return utf8(csv.toString());
    }

    private static byte[] restaurants(int from, int to) {
        StringBuilder csv = new StringBuilder("external_id,name,city\n");
        for (int i = from; i <= to; i++) {
            csv.append("R").append(i).append(",Place ").append(i).append(",Lisbon\n");
        }
        return utf8(csv.toString());
    }

    @Test
    void productsOfANewJobAreAnnouncedReadingEachCteOnce() {
        // half the batch is new, half changes existing products: both the creations' and the updates' events
        importFile("products", products(1, ROWS / 2), "{}");
        JsonNode plan = planOfAFreshJobsFirstBatch(ImportKind.PRODUCTS, products(ROWS + 1, 2 * ROWS), changedAndNew(),
                List.of("sku", "name", "brand", "category"));

        assertEachCteReadOnce(plan);
        assertThat(count("SELECT count(*) FROM outbox_events WHERE type = 'PRODUCT_CREATED' AND payload #>> '{payload,tenant}' = :t"))
                .isEqualTo(ROWS / 2 + ROWS / 2);
        assertThat(count("SELECT count(*) FROM outbox_events WHERE type = 'PRODUCT_UPDATED' AND payload #>> '{payload,tenant}' = :t"))
                .isEqualTo(ROWS / 2);
    }

    @Test
    void restaurantsOfANewJobAreAnnouncedReadingEachCteOnce() {
        importFile("restaurants", restaurants(1, ROWS / 2), "{}");
        StringBuilder csv = new StringBuilder("external_id,name,city\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("R").append(i).append(",Place ").append(i).append(i <= ROWS / 2 ? ",Porto\n" : ",Lisbon\n");
        }
        JsonNode plan = planOfAFreshJobsFirstBatch(ImportKind.RESTAURANTS, restaurants(ROWS + 1, 2 * ROWS),
                utf8(csv.toString()), List.of("external_id", "name", "city"));

        assertEachCteReadOnce(plan);
        assertThat(count("SELECT count(*) FROM outbox_events WHERE type = 'RESTAURANT_CREATED' AND payload #>> '{payload,tenant}' = :t"))
                .isEqualTo(ROWS / 2 + ROWS / 2);
        assertThat(count("SELECT count(*) FROM outbox_events WHERE type = 'RESTAURANT_UPDATED' AND payload #>> '{payload,tenant}' = :t"))
                .isEqualTo(ROWS / 2);
    }

    /**
     * A tenant the statistics do not know (analyzed while another tenant held the customers): the planner believes
     * it has no records, so an index on the tenant alone looks as good as the unique key's. The records before the
     * change are read by id, never by a scan of the tenant's records per row (customers_tenant_ref, 25 s a batch
     * at 26,000 customers).
     */
    @Test
    void customersOfATenantTheStatisticsDoNotKnowAreReadBeforeTheChangeByIdOnly() {
        String other = "other-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO customers (tenant, match_key, customer_ref, name) SELECT :o, 'C' || i, 'C' || i, 'Other '"
                + " || i FROM generate_series(1, 20000) i").param("o", other).update();
        jdbc.sql("ANALYZE customers").update();
        importFile("customers", customers(1, ROWS / 2, "Ann"), "{}");
        // the premise: the planner believes the tenant has (almost) no customers
        JsonNode estimate = JSON.readTree(jdbc.sql("EXPLAIN (FORMAT JSON) SELECT * FROM customers WHERE tenant = :t")
                .param("t", tenant).query(String.class).single()).get(0).get("Plan");
        assumeThat(estimate.path("Plan Rows").asDouble()).as("the planner's estimate of the tenant's customers")
                .isLessThan(ROWS / 10.0);

        // the first half changes its name, the second half is new
        JsonNode plan = planOfAFreshJobsFirstBatch(ImportKind.CUSTOMERS, customers(ROWS + 1, 2 * ROWS, "Bob"),
                customers(1, ROWS, "Cy"), List.of("customer_ref", "name"));

        assertEachCteReadOnce(plan);
        assertThat(QueryPlans.nodes(plan)).filteredOn(node -> "customers".equals(node.path("Relation Name").asString())
                        && node.has("Index Name"))
                .isNotEmpty()
                .allSatisfy(scan -> assertThat(scan.path("Index Name").asString()).as("index read for the records")
                        .isIn("customers_pkey", "customers_tenant_match_key_key"));
        assertThat(count("SELECT count(*) FROM outbox_events WHERE type = 'CUSTOMER_UPDATED' AND payload #>> '{payload,tenant}' = :t"
                + " AND payload #>> '{payload,changes,name,before}' LIKE 'Ann %' AND payload #>> '{payload,changes,name,after}' LIKE 'Cy %'"))
                .isEqualTo(ROWS / 2);
        assertThat(count("SELECT count(*) FROM outbox_events WHERE type = 'CUSTOMER_CREATED' AND payload #>> '{payload,tenant}' = :t"))
                .isEqualTo(ROWS / 2 + ROWS / 2);
    }

    private static byte[] customers(int from, int to, String name) {
        StringBuilder csv = new StringBuilder("customer_ref,name\n");
        for (int i = from; i <= to; i++) {
            csv.append("C").append(i).append(',').append(name).append(' ').append(i).append('\n');
        }
        return utf8(csv.toString());
    }

    @Test
    void purchasesOfANewJobAreWrittenAndAnnouncedReadingEachCteAndTheBatchOnce() {
        // an import of purchases is all or nothing: its customer and products exist
        importFile("customers", utf8("customer_ref,name\n17850,Ann\n"), "{}");
        importFile("products", utf8("sku,name,category\nSKU0,Mug,Home\nSKU1,Cup,Home\nSKU2,Jar,Home\nSKU3,Pot,Home\n"),
                "{}");
        JsonNode plan = planOfAFreshJobsFirstBatch(ImportKind.PURCHASES, purchases(1000), purchases(2000), List.of());

        assertEachCteReadOnce(plan);
        assertThat(count("SELECT count(*) FROM purchases WHERE tenant = :t")).isEqualTo(ROWS / 4);
        assertThat(count("SELECT count(*) FROM purchase_items i JOIN purchases p ON p.id = i.purchase_id"
                + " WHERE p.tenant = :t")).isEqualTo(ROWS);
        assertThat(count("SELECT count(*) FROM outbox_events WHERE type = 'PURCHASE_CREATED' AND payload #>> '{payload,tenant}' = :t"))
                .isEqualTo(ROWS / 4);
        // each purchase's event names its transaction's first row and carries its four lines
        assertThat(count("""
                SELECT count(*) FROM outbox_events WHERE type = 'PURCHASE_CREATED' AND payload #>> '{payload,tenant}' = :t
                  AND jsonb_array_length(payload #> '{payload,record,items}') = 4
                  AND (payload #>> '{payload,row_number}')::int % 4 = 1""")).isEqualTo(ROWS / 4);
    }

    /**
     * As {@link #customersOfATenantTheStatisticsDoNotKnowAreReadBeforeTheChangeByIdOnly}, for the records a purchase
     * looks up by key: its customer and each line's product are probed by key, never found by a scan of the tenant's
     * records per transaction or per line.
     */
    @Test
    void purchasesOfATenantTheStatisticsDoNotKnowFindTheirCustomerAndProductsByKey() {
        int others = 20_000;
        int own = 2_000;
        customersAndProducts("other-" + UUID.randomUUID(), others);
        jdbc.sql("ANALYZE customers").update();
        jdbc.sql("ANALYZE products").update();
        customersAndProducts(tenant, own);
        for (String table : List.of("customers", "products")) {
            JsonNode estimate = JSON.readTree(jdbc.sql("EXPLAIN (FORMAT JSON) SELECT * FROM " + table
                    + " WHERE tenant = :t").param("t", tenant).query(String.class).single()).get(0).get("Plan");
            assumeThat(estimate.path("Plan Rows").asDouble()).as("the planner's estimate of the tenant's " + table)
                    .isLessThan(own / 10.0);
        }

        JsonNode plan = planOfAFreshJobsFirstBatch(ImportKind.PURCHASES, linesOfEach(1), linesOfEach(ROWS + 1),
                List.of());

        // probed by key: a row or two each (a product's sku is probed across tenants); scanned per row: 200,000
        assertReadAtMost(plan, "customers", 10L * ROWS);
        assertReadAtMost(plan, "products", 10L * ROWS);
        assertThat(count("SELECT count(*) FROM purchases WHERE tenant = :t AND customer_id IS NOT NULL"))
                .isEqualTo(ROWS / 4);
        assertThat(count("SELECT count(*) FROM purchase_items i JOIN purchases p ON p.id = i.purchase_id"
                + " JOIN products d ON d.id = i.product_id AND d.tenant = p.tenant AND d.sku = i.sku"
                + " WHERE p.tenant = :t")).isEqualTo(ROWS);
        assertThat(count("SELECT count(*) FROM purchases p JOIN customers c ON c.id = p.customer_id"
                + " AND c.tenant = p.tenant AND c.customer_ref = p.customer_ref WHERE p.tenant = :t")).isEqualTo(ROWS / 4);
    }

    /** The rows {@code table}'s scans read, over all their loops (kept or removed by a filter), are at most {@code most}. */
    private static void assertReadAtMost(JsonNode plan, String table, long most) {
        assertThat(QueryPlans.scansOf(plan, table)).isNotEmpty();
        assertThat(QueryPlans.rowsRead(plan, table)).as("%s rows read by %s", table, QueryPlans.scansOf(plan, table))
                .isLessThanOrEqualTo(most);
    }

    private void customersAndProducts(String owner, int count) {
        jdbc.sql("INSERT INTO customers (tenant, match_key, customer_ref, name) SELECT :o, (10000 + i)::text,"
                + " (10000 + i)::text, 'Customer ' || i FROM generate_series(1, :n) i").param("o", owner)
                .param("n", count).update();
        jdbc.sql("INSERT INTO products (tenant, sku, name, category, name_brand_key) SELECT :o, 'SKU' || i,"
                + " 'Product ' || i, 'Home', 'product ' || i || '#' FROM generate_series(1, :n) i").param("o", owner)
                .param("n", count).update();
    }

    /** ROWS lines, four a transaction numbered from {@code first}: each transaction its own customer, each line its own sku. */
    private static byte[] linesOfEach(int first) {
        StringBuilder csv = new StringBuilder("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
        for (int line = 0; line < ROWS; line++) {
            csv.append(first + line / 4).append(",SKU").append(first + line).append(",Item ").append(line)
                    .append(",2,2010-12-01 08:26:00,1.50,").append(10000 + first + line / 4).append(",United Kingdom\n");
        }
        return utf8(csv.toString());
    }

    /** ROWS lines in transactions of four lines each, numbered from {@code first}. */
    private static byte[] purchases(int first) {
        StringBuilder csv = new StringBuilder("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
        for (int line = 0; line < ROWS; line++) {
            csv.append(first + line / 4).append(",SKU").append(line % 4).append(",Item ").append(line % 4)
                    .append(",2,2010-12-01 08:26:00,1.50,17850,United Kingdom\n");
        }
        return utf8(csv.toString());
    }

    /** Rows 1 to ROWS of the products file: the first half changes its brand, the second half is new. */
    private static byte[] changedAndNew() {
        StringBuilder csv = new StringBuilder("sku,name,brand,category\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("SKU-").append(i).append(",Product ").append(i).append(i <= ROWS / 2 ? ",Globex" : ",Acme")
                    .append(",Snacks\n");
        }
        return utf8(csv.toString());
    }

    /**
     * Stages {@code known} as a dry run and analyzes the staging table, so that the statistics know that job alone;
     * then stages {@code fresh} as another dry run and explains, running it, the apply of its first batch.
     */
    private JsonNode planOfAFreshJobsFirstBatch(ImportKind kind, byte[] known, byte[] fresh, List<String> fields) {
        String staging = "staging_" + kind.wireName();
        UUID knownJob = dryRun(kind, known);
        assertThat(stagedRows(knownJob, kind.wireName())).isEqualTo(ROWS);
        jdbc.sql("ANALYZE " + staging).update();
        UUID freshJob = dryRun(kind, fresh);
        int seq = jdbc.sql("SELECT min(batch_seq) FROM " + staging + " WHERE job_id = :job").param("job", freshJob)
                .query(Integer.class).single();
        BatchScope batch = new BatchScope(freshJob, tenant, UUID.randomUUID(), seq, fields, EventDetail.RECORDS, "trace");
        BatchApplier applier = appliers.stream().filter(a -> a.kind() == kind).findFirst().orElseThrow();
        String statement = applier instanceof ProductApplier products ? products.statement(batch)
                : applier instanceof PurchaseApplier purchases ? purchases.statement(batch)
                : ((KeyedUpsertApplier) applier).statement(batch);
        JsonNode plan = JSON.readTree(batch.bind(jdbc.sql("EXPLAIN (ANALYZE, FORMAT JSON) " + statement), "test")
                .query(String.class).single()).get(0).get("Plan");
        // the premise: the planner believed the batch far smaller than it is (unless autovacuum analyzed meanwhile)
        List<JsonNode> stagingScans = QueryPlans.nodes(plan).stream()
                .filter(node -> staging.equals(node.path("Relation Name").asString())).toList();
        assertThat(stagingScans).isNotEmpty();
        assumeThat(stagingScans.get(0).path("Plan Rows").asDouble())
                .as("the planner's estimate of the fresh job's batch").isLessThan(ROWS / 10.0);
        assertThat(stagingScans.get(0).path("Actual Rows").asLong()).isEqualTo(ROWS);
        // and the batch's staged rows are read once each time the statement reads them
        assertThat(stagingScans).allSatisfy(scan -> assertThat(scan.path("Actual Loops").asLong())
                .as("loops of a scan of %s", staging).isLessThanOrEqualTo(1));
        return plan;
    }

    private UUID dryRun(ImportKind kind, byte[] file) {
        UUID jobId = pendingJob(kind.wireName(), file, "{\"batch_size\": " + ROWS + "}", "DRY_RUN");
        dispatcher.dispatch(startedEvent(jobId));
        assertThat(job(jobId)).containsEntry("status", "PREVIEW_READY");
        return jobId;
    }

    private long count(String sql) {
        return jdbc.sql(sql).param("t", tenant).query(Long.class).single();
    }

    private static void assertEachCteReadOnce(JsonNode plan) {
        List<JsonNode> cteScans = QueryPlans.nodes(plan).stream().filter(node -> "CTE Scan".equals(node.path("Node Type").asString()))
                .toList();
        assertThat(cteScans).isNotEmpty();
        assertThat(cteScans).allSatisfy(scan -> assertThat(scan.path("Actual Loops").asLong())
                .as("loops of the scan of CTE %s", scan.path("CTE Name").asString()).isLessThanOrEqualTo(1));
    }
}
