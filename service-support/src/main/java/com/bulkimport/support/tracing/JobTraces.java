package com.bulkimport.support.tracing;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * One import is one trace: the API mints the job's trace id (its create request's own), every event
 * of the job carries it ({@code trace_id} in the envelope and the outbox), and the relay and the
 * worker open their spans in that trace from the id alone, whatever transport carried the event
 * (EventBridge passes no message attributes through).
 *
 * <p>A trace id alone is not a parent: the spans hang under a parent span id derived from the trace
 * id (its low 64 bits), the same in every service, so a trace viewer groups them even though that
 * parent is never itself exported. Whether the trace is sampled is asked of the configured sampler as
 * if the trace started here: trace-id-ratio sampling (Boot's default) decides by the trace id only, so
 * the API's root span and every later span of the import make the same decision.
 */
public final class JobTraces {

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final String INVALID_TRACE = "00000000000000000000000000000000";

    private final Tracer tracer;
    private final Sampler sampler;

    private JobTraces(Tracer tracer, Sampler sampler) {
        this.tracer = tracer;
        this.sampler = sampler;
    }

    /** @param sampler the tracer's own sampler; null when there is none (tracing off): nothing is sampled */
    public static JobTraces of(Tracer tracer, Sampler sampler) {
        return new JobTraces(tracer, sampler == null ? Sampler.alwaysOff() : sampler);
    }

    /** The trace id for a new job: the current span's (the create request's), or a fresh one outside a span. */
    public String traceIdForNewJob() {
        Span current = tracer.currentSpan();
        String traceId = current == null ? null : current.context().traceId();
        return isTraceId(traceId) ? traceId : randomTraceId();
    }

    /**
     * Starts a span in the job's trace and puts it in scope on this thread, until the scope is closed.
     * A trace id that is not a W3C one (hand-written rows, old events) gets a span of its own trace.
     */
    public Scope inTrace(String traceId, String name) {
        Span span = start(traceId, name, null);
        return new Scope(span, tracer.withSpan(span));
    }

    /**
     * Starts a span in the job's trace without putting it in scope (work on several jobs at once).
     *
     * @param link another span this one belongs with (the relay round that published the job's events), or null
     */
    public Span start(String traceId, String name, Span link) {
        Span.Builder builder = isTraceId(traceId)
                ? tracer.spanBuilder().setParent(parentOf(traceId))
                : tracer.spanBuilder().setNoParent();
        if (link != null) {
            builder.addLink(new Link(link.context()));
        }
        return builder.name(name).start();
    }

    /** Puts a span started elsewhere in scope on this thread (its trace id in the log lines) until closed. */
    public Tracer.SpanInScope activate(Span span) {
        return tracer.withSpan(span);
    }

    /** A span of its own trace (work that serves many jobs, such as one relay round), in scope until closed. */
    public Scope newTrace(String name) {
        Span span = tracer.spanBuilder().setNoParent().name(name).start();
        return new Scope(span, tracer.withSpan(span));
    }

    TraceContext parentOf(String traceId) {
        return tracer.traceContextBuilder().traceId(traceId).spanId(rootSpanId(traceId))
                .sampled(sampled(traceId)).build();
    }

    boolean sampled(String traceId) {
        return sampler.shouldSample(Context.root(), traceId, "import", SpanKind.INTERNAL, Attributes.empty(),
                List.of()).getDecision() == SamplingDecision.RECORD_AND_SAMPLE;
    }

    /** The low 64 bits of the trace id (random in a W3C id), never all zero, which W3C forbids. */
    static String rootSpanId(String traceId) {
        String low = traceId.substring(16);
        return low.equals("0000000000000000") ? "0000000000000001" : low;
    }

    public static boolean isTraceId(String traceId) {
        return traceId != null && TRACE_ID.matcher(traceId).matches() && !traceId.equals(INVALID_TRACE);
    }

    /** A W3C trace id (32 hex digits). */
    public static String randomTraceId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A span in scope: tag it, record an error, close it to end it and restore the thread's previous span. */
    public static final class Scope implements AutoCloseable {

        private final Span span;
        private final Tracer.SpanInScope inScope;

        private Scope(Span span, Tracer.SpanInScope inScope) {
            this.span = span;
            this.inScope = inScope;
        }

        public Span span() {
            return span;
        }

        public Scope tag(String key, String value) {
            if (value != null) {
                span.tag(key, value);
            }
            return this;
        }

        public void error(Throwable error) {
            span.error(error);
        }

        @Override
        public void close() {
            inScope.close();
            span.end();
        }
    }
}
