package com.bulkimport.support.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.bulkimport.model.LogText;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JobLogContextUnitTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void anEventsJobBatchAndTraceAreSetForTheScopeOnly() {
        EventEnvelope event = EventEnvelope.of(EventType.IMPORT_BATCH_READY, "test", "4bf92f3577b34da6a3ce929d0e0e4736",
                "READY", Map.of("job_id", "j-1", "batch_id", "b-1"));

        try (JobLogContext context = JobLogContext.of(event)) {
            assertThat(MDC.getCopyOfContextMap()).containsEntry("job_id", "j-1").containsEntry("batch_id", "b-1")
                    .containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        }

        assertThat(MDC.getCopyOfContextMap()).doesNotContainKeys("job_id", "batch_id", "trace_id");
    }

    @Test
    void anInnerScopeGivesBackWhatTheOuterHad() {
        try (JobLogContext outer = JobLogContext.of("j-outer", null, "t-outer")) {
            try (JobLogContext inner = JobLogContext.of("j-inner", "b-inner", null)) {
                assertThat(MDC.get("job_id")).isEqualTo("j-inner");
                assertThat(MDC.get("trace_id")).as("null leaves the key as it was").isEqualTo("t-outer");
            }
            assertThat(MDC.get("job_id")).isEqualTo("j-outer");
            assertThat(MDC.get("batch_id")).isNull();
            assertThat(MDC.get("trace_id")).isEqualTo("t-outer");
        }
        assertThat(MDC.get("job_id")).isNull();
    }

    @Test
    void keysAddedInsideAnOpenScopeGoWithIt() {
        MDC.put("other", "kept");
        try (JobLogContext request = JobLogContext.open()) {
            JobLogContext.current(JobLogContext.JOB_ID, "j-found");
            JobLogContext.current(JobLogContext.TRACE_ID, "t-found");
            assertThat(MDC.get("job_id")).isEqualTo("j-found");
        }
        assertThat(MDC.getCopyOfContextMap()).containsOnlyKeys("other");
    }

    @Test
    void aFileNameWithLineBreaksAndColourCodesIsLoggedOnOneLine() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern("%level [%X{job_id}] %msg%n");
        layout.start();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Logger log = context.getLogger("file-text");
        log.addAppender(events);
        String fileName = "clients.csv\r\nERROR [j-0] forged line\u001B[31m red\u2028.csv";
        String line;
        try (JobLogContext scope = JobLogContext.of("j-1\nERROR [j-2] forged", null, null)) {
            log.info("file {} refused", LogText.clean(fileName));
            line = layout.doLayout(events.list.get(0));
        } finally {
            log.detachAppender(events);
        }

        assertThat(line).isEqualTo("INFO [j-1\\u000AERROR [j-2] forged] file clients.csv\\u000D\\u000AERROR [j-0]"
                + " forged line\\u001B[31m red\\u2028.csv refused" + System.lineSeparator());
    }
}
