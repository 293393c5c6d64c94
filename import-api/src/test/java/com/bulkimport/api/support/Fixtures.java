package com.bulkimport.api.support;

import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.local.embedded.testkit.Multipart;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Jobs and domain rows for tests: made through the real API where that is cheap, by SQL for states it is not. */
public final class Fixtures {

    public static final String CSV = "customer_ref,name\nC1,Ann\n";

    private final JdbcClient jdbc;

    public Fixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static Map<String, Object> createBody() {
        return Map.of("kind", "customers", "file_name", "c.csv",
                "content_length", CSV.getBytes(StandardCharsets.UTF_8).length);
    }

    public static Map<String, Object> inlineBody() {
        return Map.of("kind", "customers", "rows", List.of(Map.of("customer_ref", "M1", "name", "Matrix")));
    }

    /** A job created by {@code http}'s user with its file uploaded, waiting to be started. */
    public static String uploadedJob(ApiHttp http) {
        JsonHttp.Response created = http.postJson("/api/imports", createBody());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(http.putBytes(created.json().path("upload").path("url").asString(),
                CSV.getBytes(StandardCharsets.UTF_8), Map.of()).status()).isEqualTo(200);
        return created.json().path("job_id").asString();
    }

    /**
     * A job created by {@code http}'s user whose file goes up in parts (one part here), awaiting its parts; with
     * {@code partUploaded}, that part is in storage, so the upload can be completed.
     */
    public static String multipartJob(ApiHttp http, boolean partUploaded) {
        Map<String, Object> body = new java.util.HashMap<>(createBody());
        body.put("upload_mode", "multipart");
        JsonHttp.Response created = http.postJson("/api/imports", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        if (partUploaded) {
            assertThat(http.putBytes(created.json().path("upload").path("parts").get(0).path("url").asString(),
                    CSV.getBytes(StandardCharsets.UTF_8), Map.of()).status()).isEqualTo(200);
        }
        return created.json().path("job_id").asString();
    }

    public static final String PURCHASES_CSV = "transaction_ref,purchased_at,customer_ref,sku,quantity,unit_price\n"
            + "T-1,2026-01-02T10:00:00Z,C-1,SKU-1,2,1.50\n";

    /** The seed's upload form with a one-line purchases file. */
    public static Multipart purchaseForm(String merchant) {
        return Multipart.form().file("file", "purchases.csv", PURCHASES_CSV.getBytes(StandardCharsets.UTF_8))
                .field("merchant_id", merchant).field("batch_name", "fixture");
    }

    /** A purchases job uploaded by {@code http}'s user through the seed's endpoint (started, PENDING). */
    public static String purchaseJob(ApiHttp http, String merchant) {
        JsonHttp.Response created = http.postMultipart("/api/import/purchases", purchaseForm(merchant));
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        return created.json().path("batch_id").asString();
    }

    /** A job of {@code owner} in {@code status} (FAILED jobs fail before any batch). */
    public String job(TestUser owner, String status) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO import_jobs (id, owner, tenant, kind, mode, status, file_name, file_size, object_key,
                                                 options, trace_id, failure_code, failure_reason)
                        VALUES (:id, :owner, :tenant, 'customers', 'COMMIT', :status, 'c.csv', 10, :key, '{}'::jsonb,
                                :trace, :code, :reason)""")
                .param("id", id).param("owner", owner.subject()).param("tenant", owner.tenant()).param("status", status)
                .param("key", "imports/" + id + "/c.csv").param("trace", UUID.randomUUID().toString().replace("-", ""))
                .param("code", status.equals("FAILED") ? "INGEST_FAILED" : null)
                .param("reason", status.equals("FAILED") ? "test failure" : null)
                .update();
        return id.toString();
    }

    /**
     * A COMPLETED customers import of {@code owner} that created {@code created} customers and changed one other
     * (from the name "Before"), with its record history: a revert deletes {@code created} and restores one.
     */
    public String revertibleJob(TestUser owner, int created) {
        String id = job(owner, "COMPLETED");
        UUID job = UUID.fromString(id);
        String prefix = "rv-" + UUID.randomUUID() + "-";
        jdbc.sql("""
                        WITH made AS (
                            INSERT INTO customers (tenant, match_key, customer_ref, name, created_by_job, updated_by_job)
                            SELECT :tenant, :prefix || n, :prefix || n, 'Made ' || n, :job, :job
                            FROM generate_series(1, :created) n RETURNING id
                        )
                        INSERT INTO record_history (tenant, record_table, record_id, job_id, op)
                        SELECT :tenant, 'customers', id, :job, 'CREATED' FROM made""")
                .param("tenant", owner.tenant()).param("prefix", prefix).param("job", job).param("created", created)
                .update();
        jdbc.sql("""
                        WITH changed AS (
                            INSERT INTO customers (tenant, match_key, customer_ref, name, created_by_job, updated_by_job)
                            VALUES (:tenant, :ref, :ref, 'After', NULL, :job) RETURNING id, tenant, match_key, customer_ref
                        )
                        INSERT INTO record_history (tenant, record_table, record_id, job_id, op, before)
                        SELECT :tenant, 'customers', id, :job, 'UPDATED', jsonb_build_object('id', id, 'tenant', tenant,
                               'match_key', match_key, 'customer_ref', customer_ref, 'name', 'Before', 'updated_by_job', NULL)
                        FROM changed""")
                .param("tenant", owner.tenant()).param("ref", prefix + "changed").param("job", job)
                .update();
        return id;
    }

    /** A batch row of 100 rows of the job (no staged rows behind it). */
    public UUID batch(String jobId, int seq, String status) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO import_batches (id, job_id, seq, first_row, row_count, status)"
                        + " VALUES (:id, :job, :seq, :first, 100, :status)")
                .param("id", id).param("job", UUID.fromString(jobId)).param("seq", seq).param("first", seq * 100L + 1)
                .param("status", status).update();
        return id;
    }

    /**
     * A customers file import of {@code owner}, finished with errors, whose file had {@code header}; its column map
     * (as the worker stores it) maps {@code Customer ID}, {@code E-mail} and {@code name}.
     */
    public UUID fileJob(TestUser owner, String... header) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO import_jobs (id, owner, tenant, kind, mode, status, file_name, object_key, options,
                                                 total_rows, processed_rows, created_count, error_count,
                                                 duplicate_count, source_header, column_map)
                        VALUES (:id, :owner, :tenant, 'customers', 'COMMIT', 'COMPLETED_WITH_ERRORS', 'clients.csv',
                                :key, '{}'::jsonb, 7, 7, 2, 4, 1, :header,
                                '{"Customer ID": "customer_ref", "E-mail": "email", "name": "name"}'::jsonb)""")
                .param("id", id).param("owner", owner.subject()).param("tenant", owner.tenant())
                .param("key", "imports/" + id + "/clients.csv").param("header", header)
                .update();
        return id;
    }

    /** A restaurant with one dish in {@code tenant}. */
    public long restaurant(String tenant, String externalId, String name, String city, String cuisines) {
        long id = jdbc.sql("""
                        INSERT INTO restaurants (tenant, match_key, external_id, name, city, cuisines, rating, votes)
                        VALUES (:tenant, :key, :ext, :name, :city, :cuisines, 4.5, 10) RETURNING id""")
                .param("tenant", tenant).param("key", "ext:" + externalId).param("ext", externalId).param("name", name)
                .param("city", city).param("cuisines", cuisines).query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO dishes (tenant, match_key, restaurant_id, restaurant_external_id, name, category, price)
                        VALUES (:tenant, :key, :restaurant, :ext, :name, 'Mains', 9.50)""")
                .param("tenant", tenant).param("key", externalId + ":dish").param("restaurant", id).param("ext", externalId)
                .param("name", name + " special").update();
        return id;
    }

    /**
     * A review of a restaurant made by {@link #restaurant}, and the restaurant's aggregates as the worker's
     * reviews applier would leave them.
     *
     * @param reviewedAt an ISO instant, or null for an undated review
     * @return the review's id
     */
    public long review(String tenant, long restaurant, String ref, int rating, String reviewedAt) {
        long id = jdbc.sql("""
                        INSERT INTO reviews (tenant, match_key, restaurant_id, review_ref, restaurant_external_id, author,
                                             rating, title, text, reviewed_at)
                        SELECT :t, :ref, id, :ref, external_id, 'Author of ' || :ref, :rating, 'Title of ' || :ref,
                               'Text of ' || :ref, CAST(:at AS timestamptz)
                        FROM restaurants WHERE id = :restaurant RETURNING id""")
                .param("t", tenant).param("ref", ref).param("rating", rating).param("at", reviewedAt)
                .param("restaurant", restaurant).query(Long.class).single();
        jdbc.sql("""
                        UPDATE restaurants r SET review_count = (SELECT count(*) FROM reviews WHERE restaurant_id = r.id),
                               average_rating = (SELECT round(avg(rating), 2) FROM reviews WHERE restaurant_id = r.id)
                        WHERE id = :restaurant""").param("restaurant", restaurant).update();
        return id;
    }

    /** A product of {@code tenant} with this sku (no barcode): its id. */
    public long product(String tenant, String sku, String name) {
        return jdbc.sql("""
                        INSERT INTO products (tenant, sku, name, category, name_brand_key)
                        VALUES (:t, :sku, :name, 'Groceries', :key) RETURNING id""")
                .param("t", tenant).param("sku", sku).param("name", name).param("key", sku + "#")
                .query(Long.class).single();
    }

    /**
     * The stock of a product made by {@link #product} in one store, as the inventory applier writes it.
     *
     * @param countedAt an ISO instant: the file's updated_at
     */
    public long stock(String tenant, long product, String store, int quantity, String price, String currency,
                      String countedAt) {
        return jdbc.sql("""
                        INSERT INTO inventory (tenant, store_ref, product_id, quantity, price, currency, stock_updated_at)
                        VALUES (:t, :store, :product, :quantity, CAST(:price AS numeric), :currency,
                                CAST(:at AS timestamptz)) RETURNING id""")
                .param("t", tenant).param("store", store).param("product", product).param("quantity", quantity)
                .param("price", price).param("currency", currency).param("at", countedAt)
                .query(Long.class).single();
    }

    /** A customer with one purchase of one item in {@code tenant}. */
    public void customerWithPurchase(String tenant, String ref) {
        jdbc.sql("INSERT INTO customers (tenant, match_key, customer_ref, name) VALUES (:t, :ref, :ref, 'Customer')")
                .param("t", tenant).param("ref", ref).update();
        long purchase = jdbc.sql("""
                        INSERT INTO purchases (tenant, merchant, transaction_ref, customer_ref, purchased_at, currency,
                                               item_count, total_amount)
                        VALUES (:t, 'shop', :tx, :ref, '2026-01-02T10:00:00Z', 'EUR', 1, 3.00) RETURNING id""")
                .param("t", tenant).param("tx", ref + "-T1").param("ref", ref).query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO purchase_items (purchase_id, line_no, sku, description, quantity, unit_price, amount)
                        VALUES (:p, 1, 'SKU-1', 'Tea', 2, 1.50, 3.00)""").param("p", purchase).update();
    }

    /** A public address nobody contacts in these tests (TEST-NET-2): the API checks, only a worker would send. */
    public static final String WEBHOOK_URL = "https://198.51.100.7/hooks";

    /** A webhook endpoint of {@code tenant}, by SQL (no endpoint limit): its id. */
    public String webhook(String tenant, String owner) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO webhook_endpoints (id, tenant, owner, url, description, event_types, secret)
                        VALUES (:id, :tenant, :owner, :url, 'fixture', ARRAY['*'], 'whsec_AAAA')""")
                .param("id", id).param("tenant", tenant).param("owner", owner).param("url", WEBHOOK_URL).update();
        return id.toString();
    }

    /** A named products mapping of the tenant, made by {@code owner}: its id. */
    public String mapping(String tenant, String owner) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO column_mappings (id, tenant, kind, name, header_signature, mapping, created_by,
                                                     updated_by)
                        VALUES (:id, :tenant, 'products', :name, 'fixture', '{"Title": "name"}', :owner, :owner)""")
                .param("id", id).param("tenant", tenant).param("name", "fixture " + id).param("owner", owner).update();
        return id.toString();
    }

    /** A FAILED delivery of that endpoint: its id. */
    public String delivery(String webhookId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, message_id, payload,
                                                        status, attempts)
                        VALUES (:id, :endpoint, gen_random_uuid(), 'IMPORT_JOB_COMPLETED', 'msg_fixture', '{}',
                                'FAILED', 8)""")
                .param("id", id).param("endpoint", UUID.fromString(webhookId)).update();
        return id.toString();
    }

    /** Fixture endpoints out of the way, so a tenant has room under its endpoint limit. */
    public void clearWebhookFixtures() {
        jdbc.sql("DELETE FROM webhook_endpoints WHERE description = 'fixture' OR description = 'matrix'").update();
    }
}
