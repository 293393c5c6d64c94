package com.bulkimport.worker.image;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Product imports with images, end to end against a real HTTP server on loopback, S3Proxy and PostgreSQL: stored
 * sizes, one copy of a shared image, the product's images and hash, the job's image counts, failed images as row
 * warnings beside imported rows, and the match by image hash (near duplicates too).
 */
@TestPropertySource(properties = {"spring.profiles.active=local", "bulkimport.images.enabled=true",
        "bulkimport.images.allow-private-targets=true",
        "bulkimport.images.timeout=2s"})
class ImageImportIntegrationTest extends WorkerIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static ImageServer server;

    @BeforeAll
    static void serve() throws IOException {
        byte[] webp;
        try (InputStream in = ImageImportIntegrationTest.class.getResourceAsStream("/images/photo-7.webp")) {
            webp = in.readAllBytes();
        }
        BufferedImage tea = TestImages.photo(21, 640, 480);
        server = new ImageServer()
                .bytes("/a.jpg", "image/jpeg", TestImages.withOrientation(
                        TestImages.jpeg(TestImages.photo(11, 1200, 900), 0.9f), 6))
                .bytes("/b.png", "image/png", TestImages.encode(TestImages.photo(12, 400, 300), "png"))
                .bytes("/c.gif", "image/gif", TestImages.encode(TestImages.photo(13, 160, 120), "gif"))
                .bytes("/d.webp", "image/webp", webp)
                .bytes("/e.jpg", "image/jpeg", TestImages.cmykJpeg(TestImages.photo(15, 32, 24)))
                .bytes("/shared.jpg", "image/jpeg", TestImages.jpeg(TestImages.photo(14, 640, 480), 0.9f))
                .bytes("/page.jpg", "image/jpeg", "<html><body>moved</body></html>".getBytes())
                .bytes("/tea.jpg", "image/jpeg", TestImages.jpeg(tea, 0.9f))
                .bytes("/tea-small.jpg", "image/jpeg", TestImages.jpeg(TestImages.resized(tea, 320, 240), 0.5f))
                .bytes("/other.jpg", "image/jpeg", TestImages.jpeg(TestImages.photo(22, 640, 480), 0.9f));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String u(String path) {
        return server.url(path);
    }

    private JsonNode images(String sku) {
        return JSON.readTree(jdbc.sql("SELECT images::text FROM products WHERE tenant = :t AND sku = :s")
                .param("t", tenant).param("s", sku).query(String.class).single());
    }

    private BufferedImage stored(String key) throws IOException {
        byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(LocalInfra.IMAGES_BUCKET).key(key)).asByteArray();
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    private List<Integer> size(String key) throws IOException {
        BufferedImage image = stored(key);
        return List.of(image.getWidth(), image.getHeight());
    }

    @Test
    void storesEverySizeOnceUpdatesTheProductsAndWarnsOfFailedImages() throws IOException {
        UUID job = importFile("products", utf8("""
                sku,name,brand,category,image_url_1,image_url_2
                P1,Tea,Leafy,Drinks,%s,%s
                P2,Coffee,Bean,Drinks,%s,%s
                P3,Milk,Cow,Dairy,%s,%s
                P4,Salt,Sea,Spices,%s,
                P5,Sugar,Cane,Baking,%s,%s
                """.formatted(u("/a.jpg"), u("/shared.jpg"), u("/shared.jpg"), u("/b.png"), u("/c.gif"),
                u("/d.webp"), u("/e.jpg"), u("/missing.jpg"), u("/page.jpg"))), "{}");

        assertThat(counts(job)).isEqualTo(new JobCounts(5L, 0L, 0L, 0L, 0L, 5L, "COMPLETED"));
        Map<String, Object> row = job(job);
        assertThat(List.of(row.get("images_total"), row.get("images_done"), row.get("images_failed")))
                .containsExactly(9L, 7L, 2L);
        assertThat(rowErrors(job)).containsExactly(
                Arrays.asList(5L, "image_url_1", "IMAGE_FETCH_FAILED", "image " + u("/missing.jpg")
                        + " was not imported: the server answered 404"),
                Arrays.asList(5L, "image_url_2", "IMAGE_FETCH_FAILED", "image " + u("/page.jpg")
                        + " was not imported: the body is an HTML page, not a JPEG, PNG, WebP or GIF image"));
        assertThat(server.hits("/shared.jpg")).as("a URL shared by rows is fetched once per job").isEqualTo(1);

        // the EXIF-rotated photo stands upright: 1200 × 900 stored turned a quarter, so 900 × 1200
        JsonNode tea = images("P1");
        assertThat(tea).hasSize(2);
        assertThat(tea.get(0).get("width").asInt()).isEqualTo(900);
        assertThat(tea.get(0).get("height").asInt()).isEqualTo(1200);
        assertThat(size(tea.get(0).get("original").asString())).containsExactly(900, 1200);
        assertThat(size(tea.get(0).get("medium").asString())).containsExactly(600, 800);
        assertThat(size(tea.get(0).get("thumbnail").asString())).containsExactly(150, 200);
        // a small image is never enlarged
        JsonNode coffee = images("P2");
        assertThat(size(coffee.get(1).get("medium").asString())).containsExactly(400, 300);
        assertThat(size(coffee.get(1).get("thumbnail").asString())).containsExactly(200, 150);
        assertThat(size(images("P3").get(1).get("thumbnail").asString())).containsExactly(160, 120);
        assertThat(size(images("P4").get(0).get("original").asString())).containsExactly(32, 24);

        // one copy of the shared image, named by its bytes, for both products
        String shared = tea.get(1).get("sha256").asString();
        assertThat(coffee.get(0).get("sha256").asString()).isEqualTo(shared);
        assertThat(s3.listObjectsV2(b -> b.bucket(LocalInfra.IMAGES_BUCKET)
                        .prefix("images/" + shared.substring(0, 2) + "/" + shared + "/")).contents())
                .extracting(o -> o.key().replaceAll(".*/", "")).containsExactlyInAnyOrder("original.jpg", "medium.jpg",
                        "thumbnail.jpg");

        // the product's hash is its first stored image's; image points only for a product with a stored image
        Map<String, Object> p1 = jdbc.sql("SELECT image_hash, quality_score FROM products WHERE tenant = :t AND sku = 'P1'")
                .param("t", tenant).query().singleRow();
        assertThat(p1).containsEntry("image_hash", tea.get(0).get("hash").asString()).containsEntry("quality_score", 50);
        assertThat(jdbc.sql("SELECT quality_score FROM products WHERE tenant = :t AND sku = 'P5'").param("t", tenant)
                .query(Integer.class).single()).isEqualTo(30);
        assertThat(jdbc.sql("SELECT images IS NULL AND image_hash IS NULL FROM products WHERE tenant = :t AND sku = 'P5'")
                .param("t", tenant).query(Boolean.class).single()).isTrue();
    }

    @Test
    void theSamePhotoResizedAndRecompressedIsTheSameProductAndAnotherPhotoIsNot() {
        importFile("products", utf8("name,brand,category,image_url_1\nGreen tea,Leafy,Drinks,%s\n"
                .formatted(u("/tea.jpg"))), "{}");

        UUID second = importFile("products", utf8("""
                name,brand,category,image_url_1
                Thé vert,Feuille,Boissons,%s
                Other,Thing,Misc,%s
                """.formatted(u("/tea-small.jpg"), u("/other.jpg"))), "{}");

        assertThat(counts(second)).isEqualTo(new JobCounts(1L, 1L, 0L, 0L, 0L, 2L, "COMPLETED"));
        assertThat(jdbc.sql("SELECT name FROM products WHERE tenant = :t ORDER BY id").param("t", tenant)
                .query(String.class).list()).containsExactly("Thé vert", "Other");
    }
}
