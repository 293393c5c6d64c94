package com.bulkimport.support.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** On the real OpenTelemetry SDK through Micrometer's bridge, as the services run it. */
class JobTracesUnitTest {

    /** Boot's default sampler shape: the parent decides, a root is sampled by its trace id. */
    private final Sampler sampler = Sampler.parentBased(Sampler.traceIdRatioBased(0.5));
    private final SdkTracerProvider provider = SdkTracerProvider.builder().setSampler(sampler).build();
    private final OtelTracer tracer = new OtelTracer(provider.get("test"), new OtelCurrentTraceContext(), event -> {
    });
    private final JobTraces traces = JobTraces.of(tracer, sampler);

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aSpanInAJobsTraceHasItsTraceIdUnderTheParentEveryServiceDerives() {
        String traceId = "4bf92f3577b34da61ce929d0e0e47360"; // sampled: only recorded spans know their parent

        try (JobTraces.Scope scope = traces.inTrace(traceId, "work")) {
            assertThat(tracer.currentSpan()).isNotNull();
            assertThat(tracer.currentSpan().context().traceId()).isEqualTo(traceId);
            assertThat(scope.span().context().parentId()).isEqualTo("1ce929d0e0e47360");
            assertThat(scope.span().context().spanId()).hasSize(16).isNotEqualTo("1ce929d0e0e47360");
        }

        assertThat(tracer.currentSpan()).as("the scope put back what was there").isNull();
    }

    @Test
    void theSamplingDecisionIsTheOneTheTracesFirstSpanGot() {
        // trace-id-ratio sampling compares the trace id's low 64 bits with ratio × Long.MAX_VALUE
        String low = "4bf92f3577b34da60000000000000001";
        String high = "4bf92f3577b34da67fffffffffffffff";

        Span sampled = traces.start(low, "publish", null);
        Span dropped = traces.start(high, "publish", null);

        assertThat(sampled.context().sampled()).isTrue();
        assertThat(dropped.context().sampled()).isFalse();
        sampled.end();
        dropped.end();
    }

    @Test
    void anIdThatIsNoW3cTraceIdStartsATraceOfItsOwn() {
        try (JobTraces.Scope scope = traces.inTrace("trace", "work")) {
            assertThat(JobTraces.isTraceId(scope.span().context().traceId())).isTrue();
            assertThat(scope.span().context().parentId()).isNull();
        }
        assertThat(JobTraces.isTraceId("00000000000000000000000000000000")).isFalse();
        assertThat(JobTraces.isTraceId("4BF92F3577B34DA6A3CE929D0E0E4736")).as("W3C ids are lower case").isFalse();
    }

    @Test
    void aNewJobTakesTheTraceOfTheRequestThatCreatesIt() {
        try (JobTraces.Scope request = traces.newTrace("POST /api/imports")) {
            assertThat(traces.traceIdForNewJob()).isEqualTo(request.span().context().traceId());
        }
        String outside = traces.traceIdForNewJob();
        assertThat(JobTraces.isTraceId(outside)).isTrue();
        assertThat(traces.traceIdForNewJob()).isNotEqualTo(outside);
    }

    @Test
    void withoutATracerNothingBreaks() {
        JobTraces off = JobTraces.of(io.micrometer.tracing.Tracer.NOOP, null);
        try (JobTraces.Scope scope = off.inTrace("4bf92f3577b34da6a3ce929d0e0e4736", "work")) {
            scope.tag("k", "v").error(new IllegalStateException("boom"));
        }
        assertThat(JobTraces.isTraceId(off.traceIdForNewJob())).isTrue();
    }
}
