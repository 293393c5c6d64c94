package com.bulkimport.api.sample;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.local.embedded.testkit.Datasets;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SampleIntegrationTest extends ApiIntegrationTest {

    private String uploaded(String kind, byte[] file, Map<String, Object> options) {
        JsonHttp.Response created = http().postJson("/api/imports", Map.of("kind", kind, "file_name", "f.csv",
                "content_length", file.length, "options", options));
        assertThat(created.status()).isEqualTo(201);
        http().putBytes(created.json().path("upload").path("url").asString(), file, Map.of());
        return created.json().path("job_id").asString();
    }

    @Test
    void samplesZomatoWithItsEncodingRecordsAndSuggestedMapping() throws IOException {
        byte[] file = Files.readAllBytes(Datasets.file("restaurants/zomato.csv"));
        String jobId = uploaded("restaurants", file, Map.of("column_mapping", Map.of("Restaurant Name", "name")));

        JsonHttp.Response response = http().get("/api/imports/" + jobId + "/sample");

        assertThat(response.status()).isEqualTo(200);
        JsonNode sample = response.json();
        assertThat(sample.path("encoding").asString()).isEqualTo("ISO-8859-1");
        assertThat(sample.path("delimiter").asString()).isEqualTo(",");
        assertThat(sample.path("line_ending").asString()).isEqualTo("LF");
        assertThat(sample.path("header")).hasSize(21);
        assertThat(sample.path("records")).hasSize(20);
        assertThat(sample.path("records").get(0).get(0).asString()).isEqualTo("6317637");
        assertThat(sample.path("records").get(0).get(1).asString()).isEqualTo("Le Petit Souffle");
        assertThat(sample.path("truncated").asBoolean()).isTrue();
        JsonNode suggested = sample.path("suggested_mapping");
        assertThat(suggested.path("Restaurant ID").asString()).isEqualTo("external_id");
        assertThat(suggested.path("Restaurant Name").asString()).isEqualTo("name");
        assertThat(suggested.path("Aggregate rating").asString()).isEqualTo("rating");
        assertThat(suggested.path("Rating color").isNull()).isTrue();
        assertThat(sample.path("unmatched_headers").toString()).contains("Rating color", "Locality Verbose");
        assertThat(sample.path("missing_required")).isEmpty();
    }

    @Test
    void flagsMissingRequiredFieldsAndReadsSemicolonFiles() {
        byte[] file = "sku;barcode\nA;4006381333931\n".getBytes(StandardCharsets.UTF_8);
        String jobId = uploaded("products", file, Map.of());

        JsonNode sample = http().get("/api/imports/" + jobId + "/sample").json();

        assertThat(sample.path("delimiter").asString()).isEqualTo(";");
        assertThat(sample.path("truncated").asBoolean()).isFalse();
        assertThat(sample.path("records").get(0).toString()).isEqualTo("[\"A\",\"4006381333931\"]");
        assertThat(sample.path("missing_required").toString()).isEqualTo("[\"name\",\"category\"]");
    }

    @Test
    void beforeTheUploadItIs409AndForGarbageIt422() {
        JsonHttp.Response created = http().postJson("/api/imports", Map.of("kind", "restaurants", "file_name", "x.csv",
                "content_length", 4096));
        String jobId = created.json().path("job_id").asString();
        assertThat(http().get("/api/imports/" + jobId + "/sample").status()).isEqualTo(409);

        byte[] garbage = new byte[4096];
        new java.util.Random(3).nextBytes(garbage);
        http().putBytes(created.json().path("upload").path("url").asString(), garbage, Map.of());
        JsonHttp.Response response = http().get("/api/imports/" + jobId + "/sample");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("code").asString()).isEqualTo("NOT_TEXT");
        assertThat(List.of(response.header("Content-Type"))).allMatch(t -> t.startsWith("application/problem+json"));
        // no option can make random bytes text: the job is failed with the reason, not left awaiting its start,
        // and a retry (reading the same bytes) is not offered
        JsonNode job = http().get("/api/imports/" + jobId).json();
        assertThat(job.path("status").asString()).isEqualTo("FAILED");
        assertThat(job.path("failure").path("code").asString()).isEqualTo("NOT_TEXT");
        assertThat(job.path("failure").path("reason").asString()).isEqualTo(response.json().path("detail").asString());
        assertThat(job.path("failure").path("retryable").asBoolean()).isFalse();
        assertThat(job.path("timestamps").path("started_at").isNull()).isTrue();
        assertThat(http().postJson("/api/imports/" + jobId + "/start", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void samplesExcelsWindowsCsvWithItsQuotesDashesAndEuroSign() {
        // "Café","“Spécial” – €5": 0x93/0x94 curly quotes, 0x96 a dash, 0x80 the euro sign, as Excel saves on Windows
        byte[] file = {'e', 'x', 't', 'e', 'r', 'n', 'a', 'l', '_', 'i', 'd', ',', 'n', 'a', 'm', 'e', '\r', '\n',
                'R', '1', ',', (byte) 0x93, 'S', 'p', (byte) 0xE9, 'c', 'i', 'a', 'l', (byte) 0x94, ' ', (byte) 0x96,
                ' ', (byte) 0x80, '5', '\r', '\n'};
        String detected = uploaded("restaurants", file, Map.of());
        String given = uploaded("restaurants", new byte[] {'n', 'a', 'm', 'e', '\n', 'a', (byte) 0x81, '\n'},
                Map.of("encoding", "cp1252"));

        JsonNode sample = http().get("/api/imports/" + detected + "/sample").json();
        JsonHttp.Response undefinedByte = http().get("/api/imports/" + given + "/sample");

        assertThat(sample.path("encoding").asString()).isEqualTo("windows-1252");
        assertThat(sample.path("encoding_reason").asString()).startsWith("not valid UTF-8; read as windows-1252");
        assertThat(sample.path("records").get(0).toString())
                .isEqualTo("[\"R1\",\"\u201cSp\u00e9cial\u201d \u2013 \u20ac5\"]");
        // the JDK's windows-1252 refuses 0x81; read as ISO-8859-1 reads it, nothing is lost
        assertThat(undefinedByte.status()).as(undefinedByte.body()).isEqualTo(200);
        assertThat(undefinedByte.json().path("records").get(0).get(0).asString()).isEqualTo("a\u0081");
    }

    @Test
    void aFileAnotherEncodingMayReadIsRefusedButItsJobStaysOpen() {
        // "\u00e9" in Latin-1 given as UTF-8: another encoding reads it, so the job is not failed
        byte[] file = "external_id,name\nR1,Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        String jobId = uploaded("restaurants", file, Map.of("encoding", "UTF-8"));

        JsonHttp.Response response = http().get("/api/imports/" + jobId + "/sample");

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().path("code").asString()).isEqualTo("BAD_ENCODING");
        assertThat(http().get("/api/imports/" + jobId).json().path("status").asString()).isEqualTo("AWAITING_UPLOAD");
    }

    /** {@code header}, then {@code row} until {@code bytes} of text, gzipped (a bomb when the row repeats). */
    private static byte[] gzip(String header, String row, long bytes) {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped, 64 * 1024)) {
            gzip.write(header.getBytes(StandardCharsets.UTF_8));
            byte[] block = (row.length() >= 65_536 ? row : row.repeat(65_536 / Math.max(1, row.length())))
                    .getBytes(StandardCharsets.UTF_8);
            for (long written = header.length(); written < bytes && block.length > 0; written += block.length) {
                gzip.write(block);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return zipped.toByteArray();
    }

    @Test
    void aBombOfRepeatedRowsSamplesItsFirstTwentyRecords() {
        byte[] bomb = gzip("external_id,name\n", "R1,Same Place\n", 512L << 20);
        String jobId = uploaded("restaurants", bomb, Map.of());

        JsonNode sample = http().get("/api/imports/" + jobId + "/sample").json();

        assertThat(sample.path("records")).hasSize(20);
        assertThat(sample.path("records").get(19).toString()).isEqualTo("[\"R1\",\"Same Place\"]");
        assertThat(sample.path("truncated").asBoolean()).isTrue();
        assertThat(sample.path("notes")).isEmpty();
    }

    @Test
    void aRecordLongerThanTheSampleShowsEndsItWithANote() {
        // 50 million characters in one field, a few hundred kilobytes zipped
        String file = "external_id,name\nR1,First\nR2," + "x".repeat(50_000_000) + "\nR3,Third\n";
        String jobId = uploaded("restaurants", gzip(file, "", file.length()), Map.of());

        JsonHttp.Response response = http().get("/api/imports/" + jobId + "/sample");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode sample = response.json();
        assertThat(sample.path("records").toString()).isEqualTo("[[\"R1\",\"First\"]]");
        assertThat(sample.path("truncated").asBoolean()).isTrue();
        assertThat(sample.path("notes").toString()).isEqualTo("[\"the sample ends here: record 2 (near line 3) is"
                + " longer than 1,048,576 characters, the longest record a sample shows (setting SAMPLE_MAX_RECORD_SIZE,"
                + " bulkimport.sample.max-record-size); the import itself reads the whole file\"]");
    }

    @Test
    void aHeaderLongerThanTheSampleShowsIsAProblem() {
        byte[] file = gzip("id," + "h".repeat(2_000_000) + "\n", "1,2\n", 4_000_000);
        String jobId = uploaded("restaurants", file, Map.of());

        JsonHttp.Response response = http().get("/api/imports/" + jobId + "/sample");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("type").asString())
                .isEqualTo("https://bulk-import.dev/problems/sample-limit-exceeded");
        assertThat(response.json().path("code").asString()).isEqualTo("RECORD_TOO_LONG");
        assertThat(response.json().path("detail").asString()).isEqualTo("the header (line 1) is longer than"
                + " 1,048,576 characters, the longest record a sample shows (setting SAMPLE_MAX_RECORD_SIZE,"
                + " bulkimport.sample.max-record-size)");
    }

    @Test
    void aHeadThatInflatesPastTheSamplesCapEndsItWithANote() {
        // records of 900,000 characters: the head passes 16 MB of text before twenty of them
        byte[] file = gzip("id,text\n", "r," + "y".repeat(899_997) + "\n", 64L << 20);
        String jobId = uploaded("restaurants", file, Map.of());

        JsonNode sample = http().get("/api/imports/" + jobId + "/sample").json();

        assertThat(sample.path("records").size()).isBetween(10, 18);
        assertThat(sample.path("truncated").asBoolean()).isTrue();
        assertThat(sample.path("notes").toString()).isEqualTo("[\"the sample ends here: the file holds more than"
                + " 16 MB of text once decompressed, the most a sample reads (setting SAMPLE_MAX_DECOMPRESSED_SIZE,"
                + " bulkimport.sample.max-decompressed-size raises the limit); the import itself reads the whole file\"]");
    }
}
