package com.bulkimport.local;

import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.local.embedded.testkit.LogCapture;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One import is one trace: every line the API, the relay and the worker log about a job carries its
 * {@code job_id} and the {@code trace_id} the API minted, and the relay's and the worker's spans are
 * in that trace ({@code traceId}), carried only by the events' envelopes through EventBridge and SQS.
 */
class JobLogsEndToEndTest extends RunningStackTest {

    @Test
    void theApiTheRelayAndTheWorkerLogOneJobUnderItsJobIdAndOneTrace() {
        byte[] file = "customer_ref,name\nL1,Ann\nL2,Bo\nL3,Cy\n".getBytes(StandardCharsets.UTF_8);
        String jobId;
        List<LogCapture.Line> lines;
        try (LogCapture capture = LogCapture.start()) {
            JsonHttp.Response created = http.postJson("/api/imports", Map.of("kind", "customers",
                    "file_name", "c.csv", "content_length", file.length));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            jobId = created.json().path("job_id").asString();
            assertThat(http.putBytes(created.json().path("upload").path("url").asString(), file, Map.of()).status())
                    .isEqualTo(200);
            assertThat(http.post("/api/imports/" + jobId + "/start", null, null).status()).isEqualTo(202);
            awaitCompleted(jobId);
            String job = jobId;
            lines = capture.lines(line -> job.equals(line.mdc("job_id")));
        }
        String traceId = jdbc.sql("SELECT trace_id FROM import_jobs WHERE id = :id::uuid").param("id", jobId)
                .query(String.class).single();

        List<LogCapture.Line> api = from(lines, "com.bulkimport.api");
        List<LogCapture.Line> relay = from(lines, "com.bulkimport.relay");
        List<LogCapture.Line> worker = from(lines, "com.bulkimport.worker");
        assertThat(api).as("the API's lines about the job").isNotEmpty();
        assertThat(relay).as("the relay's lines about the job").isNotEmpty();
        assertThat(worker).as("the worker's lines about the job").isNotEmpty();
        assertThat(lines).allSatisfy(line -> assertThat(line.mdc("trace_id")).as(line.toString()).isEqualTo(traceId));
        assertThat(api.stream().filter(line -> line.message().contains(" created")).findFirst().orElseThrow().mdc())
                .as("the import's trace starts with the create request's span").containsEntry("traceId", traceId);
        assertThat(relay).allSatisfy(line -> assertThat(line.mdc("traceId")).as(line.toString()).isEqualTo(traceId));
        assertThat(worker).allSatisfy(line -> assertThat(line.mdc("traceId")).as(line.toString()).isEqualTo(traceId));
        assertThat(worker).anySatisfy(line -> {
            assertThat(line.message()).startsWith("IMPORT_BATCH_READY");
            assertThat(line.mdc("batch_id")).isNotBlank();
        });
        assertThat(relay).anySatisfy(line -> assertThat(line.message()).startsWith("published IMPORT_JOB_STARTED"));
        assertThat(worker).anySatisfy(line -> assertThat(line.message()).startsWith("IMPORT_JOB_STARTED"));
    }

    @Test
    void theLocalStackLogsPlainLinesUnlessLogFormatAsks() {
        String expected = System.getenv("LOG_FORMAT") == null ? "" : System.getenv("LOG_FORMAT");
        for (var service : List.of(stack.api(), stack.relay(), stack.worker())) {
            assertThat(service.getEnvironment().getProperty("logging.structured.format.console"))
                    .isEqualTo("plain".equals(expected) ? "" : expected);
        }
    }

    private static List<LogCapture.Line> from(List<LogCapture.Line> lines, String loggerPrefix) {
        return lines.stream().filter(line -> line.logger().startsWith(loggerPrefix)).toList();
    }

    private static void awaitCompleted(String jobId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            String status = http.get("/api/imports/" + jobId).json().path("status").asString();
            if (status.startsWith("COMPLETED")) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("job " + jobId + " stayed " + status);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
