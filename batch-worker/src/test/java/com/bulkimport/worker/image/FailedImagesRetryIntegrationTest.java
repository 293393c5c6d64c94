package com.bulkimport.worker.image;

import com.bulkimport.engine.job.TransitionRefused;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retry of a finished product import's failed images, end to end against a real HTTP server on loopback (which
 * answers 500 for some images at first, then serves them), S3Proxy and PostgreSQL: only the failed URLs are fetched
 * again, the job's counts move, the warnings of the images fetched now leave the error report, and the products end
 * with exactly what a first import that fetched every image writes. Delivered twice, it counts nothing twice.
 */
@TestPropertySource(properties = {"spring.profiles.active=local", "bulkimport.images.enabled=true",
        "bulkimport.images.allow-private-targets=true",
        "bulkimport.images.timeout=2s"})
class FailedImagesRetryIntegrationTest extends WorkerIntegrationTest {

    private static ImageServer server;
    private static byte[] flakyJpeg;
    private static byte[] flakyPng;

    @Autowired
    TransactionTemplate tx;

    @BeforeAll
    static void serve() throws IOException {
        flakyJpeg = TestImages.jpeg(TestImages.photo(31, 640, 480), 0.9f);
        flakyPng = TestImages.encode(TestImages.photo(32, 300, 200), "png");
        server = new ImageServer()
                .bytes("/ok-1.jpg", "image/jpeg", TestImages.jpeg(TestImages.photo(33, 400, 300), 0.9f))
                .bytes("/ok-2.png", "image/png", TestImages.encode(TestImages.photo(34, 120, 90), "png"))
                .status("/flaky-a.jpg", 500)
                .status("/flaky-b.png", 500);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String u(String path) {
        return server.url(path);
    }

    private String file() {
        return """
                sku,name,brand,category,image_url_1,image_url_2
                P1,Tea,Leafy,Drinks,%s,%s
                P2,Coffee,Bean,Drinks,%s,%s
                P3,Milk,Cow,Dairy,%s,
                P4,Salt,Sea,Spices,%s,%s
                """.formatted(u("/ok-1.jpg"), u("/flaky-a.jpg"), u("/flaky-a.jpg"), u("/flaky-b.png"), u("/gone.jpg"),
                u("/flaky-b.png"), u("/ok-2.png"));
    }

    private List<Long> imageCounts(UUID job) {
        Map<String, Object> row = job(job);
        return List.of((Long) row.get("images_total"), (Long) row.get("images_done"), (Long) row.get("images_failed"));
    }

    /** sku → images and hash of the tenant's products (the images as jsonb text, normalized by PostgreSQL). */
    private Map<String, List<String>> products(String ofTenant) {
        Map<String, List<String>> products = new LinkedHashMap<>();
        jdbc.sql("SELECT sku, images::text, image_hash FROM products WHERE tenant = :t ORDER BY sku")
                .param("t", ofTenant)
                .query((rs, n) -> products.put(rs.getString(1), Arrays.asList(rs.getString(2), rs.getString(3))))
                .list();
        return products;
    }

    private EventEnvelope retryImages(UUID job) {
        Boolean sent = tx.execute(status -> lifecycle.retryImages(jobStore.find(job).orElseThrow().ref()));
        assertThat(sent).isTrue();
        List<EventEnvelope> events = outboxEvents(job, EventType.IMPORT_IMAGES_RETRY);
        return events.get(events.size() - 1);
    }

    @Test
    void fetchesOnlyTheFailedImagesAgainAndLeavesTheProductsAsAFirstFetchOfThemWould() {
        UUID job = importFile("products", utf8(file()), "{}");
        assertThat(counts(job)).isEqualTo(new JobCounts(4L, 0L, 0L, 0L, 0L, 4L, "COMPLETED"));
        // 7 images named: ok-1 and ok-2 stored; flaky-a twice, flaky-b twice and gone once failed
        assertThat(imageCounts(job)).containsExactly(7L, 2L, 5L);
        assertThat(rowErrors(job)).hasSize(5);
        Map<String, List<String>> before = products(tenant);
        assertThat(before.get("P2")).containsExactly(null, null);

        // the server is mended, then the owner retries the finished job
        server.bytes("/flaky-a.jpg", "image/jpeg", flakyJpeg).bytes("/flaky-b.png", "image/png", flakyPng);
        EventEnvelope retry = retryImages(job);
        assertThat(retry.status()).isEqualTo("COMPLETED");
        dispatcher.dispatch(retry);

        assertThat(imageCounts(job)).containsExactly(7L, 6L, 1L);
        assertThat(counts(job)).as("rows are not imported again, the status stays")
                .isEqualTo(new JobCounts(4L, 0L, 0L, 0L, 0L, 4L, "COMPLETED"));
        assertThat(server.hits("/flaky-a.jpg")).as("a failed URL named by two rows: once at import, once now")
                .isEqualTo(2);
        assertThat(server.hits("/flaky-b.png")).isEqualTo(2);
        assertThat(server.hits("/gone.jpg")).isEqualTo(2);
        assertThat(server.hits("/ok-1.jpg")).as("an image done is never fetched again").isEqualTo(1);
        assertThat(server.hits("/ok-2.png")).isEqualTo(1);
        assertThat(rowErrors(job)).containsExactly(Arrays.asList(3L, "image_url_1", "IMAGE_FETCH_FAILED",
                "image " + u("/gone.jpg") + " was not imported: the server answered 404"));

        // the same message again (a redelivery), and a second retry: nothing counted twice, nothing done refetched
        dispatcher.dispatch(retry);
        dispatcher.dispatch(retryImages(job));
        assertThat(imageCounts(job)).containsExactly(7L, 6L, 1L);
        assertThat(server.hits("/flaky-a.jpg")).isEqualTo(2);
        assertThat(server.hits("/flaky-b.png")).isEqualTo(2);
        assertThat(server.hits("/gone.jpg")).as("still failing: tried by each delivery").isEqualTo(4);
        assertThat(rowErrors(job)).hasSize(1);

        // what a first import of the same file writes when every image but the gone one is served
        String fresh = "t-" + UUID.randomUUID();
        UUID first = pendingJob("products", utf8(file()), "{}", "COMMIT");
        jdbc.sql("UPDATE import_jobs SET tenant = :t WHERE id = :id").param("t", fresh).param("id", first).update();
        dispatcher.dispatch(startedEvent(first));
        applyAll(first);
        assertThat(imageCounts(first)).containsExactly(7L, 6L, 1L);
        Map<String, List<String>> expected = products(fresh);
        assertThat(expected.get("P2").get(0)).contains(u("/flaky-a.jpg"), u("/flaky-b.png"));
        assertThat(products(tenant)).isEqualTo(expected);
        assertThat(products(tenant).get("P1")).isNotEqualTo(before.get("P1"));
        assertThat(jdbc.sql("SELECT quality_score FROM products WHERE tenant = :t AND sku = 'P2'").param("t", tenant)
                .query(Integer.class).single()).as("image points once its image is stored").isEqualTo(50);
    }

    @Test
    void aJobNotFinishedOrWithoutFailedImagesIsNotRetriedForItsImages() {
        UUID pending = pendingJob("products", utf8("sku,name,brand,category\nP1,Tea,Leafy,Drinks\n"), "{}", "COMMIT");
        assertThatThrownBy(() -> tx.executeWithoutResult(status ->
                lifecycle.retryImages(jobStore.find(pending).orElseThrow().ref())))
                .isInstanceOf(TransitionRefused.class).hasMessageContaining("PENDING");

        dispatcher.dispatch(startedEvent(pending));
        applyAll(pending);
        Boolean sent = tx.execute(status -> lifecycle.retryImages(jobStore.find(pending).orElseThrow().ref()));
        assertThat(sent).isFalse();
        assertThat(outboxEvents(pending, EventType.IMPORT_IMAGES_RETRY)).isEmpty();
    }
}
