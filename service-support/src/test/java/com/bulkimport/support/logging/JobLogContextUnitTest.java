package com.bulkimport.support.logging;

import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
}
