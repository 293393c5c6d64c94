package com.bulkimport.relay.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.testkit.LogCapture;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.support.tracing.JobTraces;
import com.bulkimport.relay.RelayApplication;
import com.bulkimport.relay.outbox.OutboxRelay;
import com.bulkimport.relay.testing.OutboxRows;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the relay logs about an event is logged under the event's job and trace, in a span of that trace. */
@SpringBootTest(classes = RelayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=outbox-relay", "bulkimport.relay.enabled=false"})
class RelayLogContextIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    OutboxRelay relay;

    @Test
    void eachPublishedEventIsLoggedUnderItsJobAndTrace() {
        new OutboxRows(jdbc).settleEverythingPending();
        String jobA = UUID.randomUUID().toString();
        String jobB = UUID.randomUUID().toString();
        String traceA = JobTraces.randomTraceId();
        String traceB = JobTraces.randomTraceId();
        EventEnvelope a = EventEnvelope.of(EventType.IMPORT_JOB_CREATED, OutboxRows.SOURCE, traceA, "PENDING",
                Map.of("job_id", jobA));
        EventEnvelope b = EventEnvelope.of(EventType.IMPORT_JOB_CREATED, OutboxRows.SOURCE, traceB, "PENDING",
                Map.of("job_id", jobB));
        OutboxRows.append(jdbc, jobA, a);
        OutboxRows.append(jdbc, jobB, b);

        Logger relayLog = (Logger) LoggerFactory.getLogger(OutboxRelay.class);
        Level before = relayLog.getLevel();
        relayLog.setLevel(Level.DEBUG); // one line per published event is DEBUG: a busy relay publishes thousands
        List<LogCapture.Line> lines;
        try (LogCapture capture = LogCapture.start()) {
            assertThat(relay.relayOnce()).isEqualTo(2);
            lines = capture.lines(line -> line.logger().equals(OutboxRelay.class.getName()));
        } finally {
            relayLog.setLevel(before);
        }

        LogCapture.Line publishedA = line(lines, a.eventId());
        LogCapture.Line publishedB = line(lines, b.eventId());
        assertThat(publishedA.mdc()).containsEntry("job_id", jobA).containsEntry("trace_id", traceA)
                .containsEntry("traceId", traceA);
        assertThat(publishedB.mdc()).containsEntry("job_id", jobB).containsEntry("trace_id", traceB)
                .containsEntry("traceId", traceB);
        assertThat(publishedA.mdc().get("spanId")).isNotEqualTo(publishedB.mdc().get("spanId"));
    }

    private static LogCapture.Line line(List<LogCapture.Line> lines, UUID eventId) {
        return lines.stream().filter(line -> line.message().startsWith("published IMPORT_JOB_CREATED " + eventId))
                .findFirst().orElseThrow(() -> new AssertionError("no line for " + eventId + " in " + lines));
    }
}
