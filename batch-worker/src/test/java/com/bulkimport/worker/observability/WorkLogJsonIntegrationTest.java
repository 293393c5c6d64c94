package com.bulkimport.worker.observability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.support.tracing.JobTraces;
import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The worker's log lines for a batch, written by Boot's structured logging in the format the worker's
 * configuration chooses by default (tests print plain lines through logback-test.xml; production prints these),
 * and plain lines that quote a hostile file: one line each, without its control characters.
 */
class WorkLogJsonIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    Environment environment;

    @Test
    void aBatchIsLoggedAsJsonWithItsJobBatchAndTrace() {
        assumeTrue(System.getenv("LOG_FORMAT") == null, "the production default, not this shell's LOG_FORMAT");
        String traceId = JobTraces.randomTraceId();
        UUID jobId = pendingJob("customers", utf8("customer_ref,name\nJ1,Ann\nJ2,Bo\n"), "{}", "COMMIT");
        jdbc.sql("UPDATE import_jobs SET trace_id = :trace WHERE id = :id").param("trace", traceId).param("id", jobId)
                .update();
        dispatcher.dispatch(EventEnvelope.of(EventType.IMPORT_JOB_STARTED, "bulk-import.import-api", traceId, "PENDING",
                Map.of("job_id", jobId.toString(), "kind", "customers")));
        EventEnvelope batch = outboxEvents(jobId, EventType.IMPORT_BATCH_READY).get(0);

        List<JsonNode> lines = jsonLinesOf(() -> dispatcher.dispatch(batch));

        JsonNode handled = lines.stream()
                .filter(line -> line.path("message").asString().startsWith("IMPORT_BATCH_READY " + batch.eventId()))
                .findFirst().orElseThrow(() -> new AssertionError("no line for the batch in " + lines));
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(handled.path("job_id").asString()).isEqualTo(jobId.toString());
        assertThat(handled.path("batch_id").asString()).isEqualTo(batch.payloadText("batch_id"));
        assertThat(handled.path("trace_id").asString()).isEqualTo(traceId);
        assertThat(handled.path("traceId").asString()).as("the span continues the job's trace").isEqualTo(traceId);
        assertThat(handled.path("spanId").asString()).hasSize(16);
        assertThat(handled.path("service").path("name").asString()).isEqualTo("batch-worker");
        assertThat(handled.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(lines).allSatisfy(line -> assertThat(line.path("job_id").asString()).isEqualTo(jobId.toString()));
    }

    @Test
    void fileTextInAFailureIsLoggedOnOneLineWhateverTheFileHolds() {
        UUID jobId = pendingJob(utf8("\"na\r\nme\u001B[31m\",x\u2028y\nR1,Lisbon\n"));
        PatternLayoutEncoder plain = new PatternLayoutEncoder();
        plain.setPattern("%level %logger [%X{job_id}] %msg%n");

        String out = linesOf(plain, () -> dispatcher.dispatch(startedEvent(jobId)));

        String reason = "required column name missing; the file's columns are: na\\u000D\\u000Ame\\u001B[31m,"
                + " x\\u2028y (map one of them to it: the mapping step of the web UI,"
                + " --map in the CLI, column_mapping in the API)";
        assertThat(out.split("\n")).contains(
                "INFO com.bulkimport.worker.ingest.IngestHandler [" + jobId + "] job " + jobId + " fails: " + reason
                        + " (MISSING_COLUMNS)",
                "INFO com.bulkimport.engine.job.JobLifecycle [" + jobId + "] job " + jobId + " FAILED (MISSING_COLUMNS): "
                        + reason);
        assertThat(out).doesNotContain("\r", "\u001B", "\u2028");
    }

    /** Runs {@code work} with a console-like appender that encodes as the worker's production config says. */
    private List<JsonNode> jsonLinesOf(Runnable work) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Object environmentBefore = context.getObject(Environment.class.getName());
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(environment.getProperty("logging.structured.format.console"));
        // the encoder reads service name and the like from the Spring environment in logback's context
        context.putObject(Environment.class.getName(), environment);
        try {
            encoder.start();
        } finally {
            context.putObject(Environment.class.getName(), environmentBefore);
        }
        return Arrays.stream(linesOf(encoder, work).split("\n")).filter(line -> !line.isBlank())
                .map(line -> JsonHttp.JSON.readTree(line)).toList();
    }

    /** What the worker's loggers write while {@code work} runs, through {@code encoder}. */
    private static String linesOf(Encoder<ILoggingEvent> encoder, Runnable work) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        if (!encoder.isStarted()) {
            encoder.setContext(context);
            encoder.start();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        Logger worker = context.getLogger("com.bulkimport");
        worker.addAppender(appender);
        try {
            work.run();
        } finally {
            worker.detachAppender(appender);
            appender.stop();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
