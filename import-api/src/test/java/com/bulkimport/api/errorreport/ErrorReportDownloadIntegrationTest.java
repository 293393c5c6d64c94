package com.bulkimport.api.errorreport;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.Fixtures;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error-report downloads against a pool of two connections: two slow readers (a few bytes, then a pause) hold
 * none of them while the rest of the API keeps answering, a third download of the same user is 429 with
 * {@code Retry-After}, and the CSV still holds every row in order across page boundaries that split a row's errors.
 */
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=2",
        "spring.datasource.hikari.connection-timeout=2000", "bulkimport.error-report.page-size=100",
        "bulkimport.error-report.downloads-per-user=2", "bulkimport.error-report.retry-after=7s"})
class ErrorReportDownloadIntegrationTest extends ApiIntegrationTest {

    private static final int ROWS = 1_000;
    private static final int ERRORS_PER_ROW = 3;
    private static final int COLUMNS = 20;

    private final HttpClient client = HttpClient.newHttpClient();

    /**
     * A job of {@code owner} with three errors on each of 1,000 rows, each row 20 fields of 1,000 characters (the
     * most a raw field keeps): about 60 MB of CSV, far more than the sockets between server and client buffer.
     */
    private UUID bigReport(TestUser owner) {
        String[] header = IntStream.rangeClosed(1, COLUMNS).mapToObj(c -> "c" + c).toArray(String[]::new);
        UUID job = new Fixtures(jdbc).fileJob(owner, header);
        jdbc.sql("""
                        INSERT INTO import_row_errors (job_id, row_number, line_number, column_name, code, message,
                                                       raw_record)
                        SELECT :job, n, n + 1, 'email', 'INVALID_EMAIL', 'row ' || n || ' error ' || k,
                               (SELECT jsonb_agg(n || '-' || c || '-' || repeat('x', 990) ORDER BY c)
                                FROM generate_series(1, :columns) c)
                        FROM generate_series(1, :rows) n, generate_series(1, :perRow) k
                        ORDER BY n, k""")
                .param("job", job).param("columns", COLUMNS).param("rows", ROWS).param("perRow", ERRORS_PER_ROW)
                .update();
        return job;
    }

    private HttpResponse<InputStream> download(TestUser user, UUID job) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/imports/" + job + "/errors.csv"))
                .header("Authorization", "Bearer " + ISSUER.token(user)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void slowDownloadsHoldNoConnectionAndAThirdOfTheSameUserIsRefused() throws Exception {
        TestUser owner = TestUser.named("downloads-" + UUID.randomUUID(), "acme");
        UUID job = bigReport(owner);

        HttpResponse<InputStream> first = download(owner, job);
        HttpResponse<InputStream> second = download(owner, job);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        byte[] firstBytes = first.body().readNBytes(16);
        assertThat(second.body().readNBytes(16)).isEqualTo(firstBytes);
        Thread.sleep(1_500); // both now stall on a full socket, mid-report

        // the rest of the API still gets connections from a pool of two, again and again
        for (int i = 0; i < 5; i++) {
            JsonHttp.Response status = http(owner).get("/api/imports/" + job);
            assertThat(status.status()).as(status.body()).isEqualTo(200);
            assertThat(http(owner).get("/api/imports/" + job + "/errors?size=1").json().path("total_items").asLong())
                    .isEqualTo(ROWS * ERRORS_PER_ROW);
        }
        JsonHttp.Response third = http(owner).get("/api/imports/" + job + "/errors.csv");
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(third.header("Retry-After")).isEqualTo("7");
        assertThat(third.json().path("type").asString()).endsWith("/too-many-downloads");
        assertThat(third.json().path("detail").asString()).isEqualTo("you may download at most 2 error reports at a"
                + " time; retry in 7 s, or when one of yours has finished");
        assertThat(third.json().path("retry_after_seconds").asLong()).isEqualTo(7);
        // the limit is per user: an admin may still download the same report
        HttpResponse<InputStream> admins = download(TestUser.ADMIN, job);
        assertThat(admins.statusCode()).isEqualTo(200);
        admins.body().close();

        String csv = new String(firstBytes, StandardCharsets.UTF_8)
                + new String(first.body().readAllBytes(), StandardCharsets.UTF_8);
        second.body().close();

        List<List<String>> records = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv.substring(1))) {
            reader.forEach(record -> records.add(record.getFields()));
        }
        assertThat(csv).startsWith("\uFEFFc1,c2,c3,");
        assertThat(records).hasSize(1 + ROWS * ERRORS_PER_ROW);
        assertThat(records.get(0).subList(COLUMNS, COLUMNS + ErrorCsv.TRAILER.size())).isEqualTo(ErrorCsv.TRAILER);
        for (int i = 0; i < ROWS * ERRORS_PER_ROW; i++) {
            int row = i / ERRORS_PER_ROW + 1;
            List<String> record = records.get(i + 1);
            assertThat(record).hasSize(COLUMNS + ErrorCsv.TRAILER.size());
            assertThat(record.get(0)).isEqualTo(row + "-1-" + "x".repeat(990));
            assertThat(record.get(COLUMNS - 1)).isEqualTo(row + "-" + COLUMNS + "-" + "x".repeat(990));
            assertThat(record.subList(COLUMNS, record.size())).isEqualTo(List.of(Integer.toString(row),
                    Integer.toString(row + 1), "email", "INVALID_EMAIL",
                    "row " + row + " error " + (i % ERRORS_PER_ROW + 1)));
        }
        // both slots come back once the downloads end (the abandoned one when its next write fails)
        long deadline = System.nanoTime() + 20_000_000_000L;
        int status;
        do {
            HttpResponse<InputStream> again = download(owner, job);
            status = again.statusCode();
            again.body().close();
            Thread.sleep(200);
        } while (status == 429 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(200);
    }
}
