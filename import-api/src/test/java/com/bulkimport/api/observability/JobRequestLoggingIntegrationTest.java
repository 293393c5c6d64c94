package com.bulkimport.api.observability;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.local.embedded.testkit.LogCapture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job request's lines carry the job and the job's trace. The create request's own span is the
 * job's trace (the import starts there); later requests are spans of their own traces that log the
 * job's trace id beside theirs.
 */
class JobRequestLoggingIntegrationTest extends ApiIntegrationTest {

    private static final byte[] FILE = "external_id,name\nR1,Cafe Sol\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void createAndStartAreLoggedUnderTheJobAndItsTrace() {
        List<LogCapture.Line> lines;
        String jobId;
        try (LogCapture capture = LogCapture.start()) {
            JsonHttp.Response created = http().postJson("/api/imports", Map.of("kind", "restaurants",
                    "file_name", "sol.csv", "content_length", FILE.length));
            assertThat(created.status()).isEqualTo(201);
            JsonNode job = created.json();
            jobId = job.path("job_id").asString();
            assertThat(http().putBytes(job.path("upload").path("url").asString(), FILE, Map.of()).status())
                    .isEqualTo(200);
            assertThat(http().post("/api/imports/" + jobId + "/start", null, null).status()).isEqualTo(202);
            lines = capture.lines(line -> line.logger().startsWith("com.bulkimport.api"));
        }
        String traceId = jdbc.sql("SELECT trace_id FROM import_jobs WHERE id = :id::uuid").param("id", jobId)
                .query(String.class).single();

        LogCapture.Line created = line(lines, "import " + jobId + " created");
        LogCapture.Line started = line(lines, "import " + jobId + " started");
        assertThat(created.mdc()).containsEntry("job_id", jobId).containsEntry("trace_id", traceId)
                .containsEntry("traceId", traceId);
        assertThat(started.mdc()).containsEntry("job_id", jobId).containsEntry("trace_id", traceId);
        assertThat(started.mdc().get("traceId")).as("a later request is a trace of its own").hasSize(32)
                .isNotEqualTo(traceId);
    }

    private static LogCapture.Line line(List<LogCapture.Line> lines, String prefix) {
        return lines.stream().filter(line -> line.message().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in " + lines));
    }
}
