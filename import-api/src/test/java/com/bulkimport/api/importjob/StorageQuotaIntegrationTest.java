package com.bulkimport.api.importjob;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.ApiHttp;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.local.embedded.testkit.Multipart;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A tenant's files together stay within its quota (3000 bytes here); each test is a tenant of its own. */
@TestPropertySource(properties = "bulkimport.limits.tenant-storage-bytes=3000B")
class StorageQuotaIntegrationTest extends ApiIntegrationTest {

    private static Map<String, Object> file(long bytes) {
        return Map.of("kind", "customers", "file_name", "f.csv", "content_length", bytes);
    }

    @Test
    void aTenantsFilesStayWithinItsQuota() {
        String tenant = "quota-" + UUID.randomUUID();
        ApiHttp alice = http(TestUser.named("quota-alice-" + UUID.randomUUID(), tenant));
        ApiHttp bob = http(TestUser.named("quota-bob-" + UUID.randomUUID(), tenant));
        assertThat(alice.postJson("/api/imports", file(1000)).status()).isEqualTo(201);
        assertThat(bob.postJson("/api/imports", file(2000)).status()).as("exactly the quota").isEqualTo(201);

        JsonHttp.Response over = alice.postJson("/api/imports", file(1));

        assertThat(over.status()).isEqualTo(422);
        assertThat(over.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(over.json().path("type").asString()).endsWith("/storage-quota-exceeded");
        assertThat(over.json().path("detail").asString()).isEqualTo("your tenant's files take 3000 bytes; 1 more would"
                + " pass its quota of 3000 bytes (3000B); old jobs leave with retention");
        assertThat(http(TestUser.named("quota-carol-" + UUID.randomUUID(), "quota-" + UUID.randomUUID()))
                .postJson("/api/imports", file(3000)).status()).as("another tenant").isEqualTo(201);
        assertThat(jdbc.sql("SELECT count(*) FROM import_jobs WHERE tenant = :tenant").param("tenant", tenant)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void anUploadThatNeverCameHoldsNothingOnceItsUrlExpired() {
        String tenant = "quota-" + UUID.randomUUID();
        ApiHttp user = http(TestUser.named("quota-" + UUID.randomUUID(), tenant));
        assertThat(user.postJson("/api/imports", file(3000)).status()).isEqualTo(201);
        assertThat(user.postJson("/api/imports", file(1)).status()).isEqualTo(422);

        jdbc.sql("UPDATE import_jobs SET expires_at = now() - interval '1 second' WHERE tenant = :tenant")
                .param("tenant", tenant).update();

        assertThat(user.postJson("/api/imports", file(3000)).status()).isEqualTo(201);
    }

    /** The seed's multipart upload counts too: its file is stored first, and forgotten when it does not fit. */
    @Test
    void anUploadedPurchaseFileCountsToo() {
        String tenant = "quota-" + UUID.randomUUID();
        ApiHttp user = http(TestUser.named("quota-" + UUID.randomUUID(), tenant));
        assertThat(user.postJson("/api/imports", file(2500)).status()).isEqualTo(201);

        JsonHttp.Response over = user.postMultipart("/api/import/purchases", purchaseForm(501));
        JsonHttp.Response fits = user.postMultipart("/api/import/purchases", purchaseForm(500));

        assertThat(over.status()).isEqualTo(422);
        assertThat(over.json().path("detail").asString()).isEqualTo("your tenant's files take 2500 bytes; 501 more would"
                + " pass its quota of 3000 bytes (3000B); old jobs leave with retention");
        assertThat(fits.status()).isEqualTo(202);
        assertThat(jdbc.sql("SELECT sum(file_size) FROM import_jobs WHERE tenant = :tenant").param("tenant", tenant)
                .query(Long.class).single()).isEqualTo(3000);
    }

    private static Multipart purchaseForm(int fileBytes) {
        String header = "transaction_ref,purchased_at,customer_ref,sku,quantity,unit_price\n";
        byte[] bytes = (header + "x".repeat(fileBytes - header.length())).getBytes(StandardCharsets.UTF_8);
        return Multipart.form().file("file", "p.csv", bytes).field("merchant_id", "m1").field("batch_name", "quota");
    }
}
