package com.bulkimport.worker.observability;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.support.tracing.JobTraces;
import com.bulkimport.worker.WorkerApplication;
import com.bulkimport.worker.queue.WorkDispatcher;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an OTLP endpoint configured (here a collector stand-in on loopback), the worker exports its
 * spans, in the job's trace. Without one (every other test, and the default) nothing is sent anywhere.
 */
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=batch-worker", "bulkimport.worker.enabled=false", "server.port=0",
                "bulkimport.sweeper.enabled=false", "management.tracing.sampling.probability=1.0",
                "management.opentelemetry.tracing.export.schedule-delay=100ms"})
// its own context, of no use to any other test: closed when done (the exporter would go on calling a closed port)
@DirtiesContext
class TraceExportIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();
    static final BlockingQueue<byte[]> EXPORTS = new LinkedBlockingQueue<>();
    static final HttpServer COLLECTOR = collector();

    private static HttpServer collector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/traces", exchange -> {
                EXPORTS.add(exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint",
                () -> "http://127.0.0.1:" + COLLECTOR.getAddress().getPort() + "/v1/traces");
    }

    @AfterAll
    static void stop() {
        COLLECTOR.stop(0);
    }

    @Autowired
    WorkDispatcher dispatcher;

    @Test
    void aHandledMessagesSpanReachesTheCollectorInTheJobsTrace() throws InterruptedException {
        String traceId = JobTraces.randomTraceId();
        // an event no handler here takes: the span is all there is to it
        dispatcher.dispatch(EventEnvelope.of(EventType.IMPORT_JOB_CREATED, "bulk-import.import-api", traceId,
                "AWAITING_UPLOAD", Map.of("job_id", "j-export")));

        byte[] wanted = HexFormat.of().parseHex(traceId);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        boolean found = false;
        while (!found && System.nanoTime() < deadline) {
            byte[] export = EXPORTS.poll(200, TimeUnit.MILLISECONDS);
            found = export != null && contains(export, wanted);
        }
        assertThat(found).as("an OTLP export with trace " + traceId).isTrue();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
