package com.bulkimport.relay.outbox;

import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.support.logging.JobLogContext;
import com.bulkimport.support.tracing.JobTraces;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans and log context of one publish round. The round is a trace of its own (it serves many
 * jobs); each job whose events it carries also gets a span in the job's own trace, linked to the
 * round, so an import's trace shows when the relay handed its events on. What the relay logs about
 * one event carries that event's {@code job_id} and {@code trace_id}.
 */
final class RoundTrace implements AutoCloseable {

    private final JobTraces traces;
    private final JobTraces.Scope round;
    private final Map<String, Span> jobSpans = new LinkedHashMap<>();

    private RoundTrace(JobTraces traces, JobTraces.Scope round) {
        this.traces = traces;
        this.round = round;
    }

    static RoundTrace start(JobTraces traces, String transport, List<OutboxMessage> messages) {
        JobTraces.Scope round = traces.newTrace("outbox publish")
                .tag("transport", transport).tag("outbox.events", String.valueOf(messages.size()));
        RoundTrace trace = new RoundTrace(traces, round);
        Map<String, Integer> perTrace = new LinkedHashMap<>();
        messages.forEach(message -> perTrace.merge(message.traceId() == null ? "" : message.traceId(), 1, Integer::sum));
        perTrace.forEach((traceId, count) -> {
            if (JobTraces.isTraceId(traceId)) {
                trace.jobSpans.put(traceId, traces.start(traceId, "outbox publish", round.span())
                        .tag("transport", transport).tag("outbox.events", count));
            }
        });
        return trace;
    }

    /** Runs {@code work} (a log line, mostly) in the event's job span and log context. */
    void about(OutboxMessage message, Runnable work) {
        Span job = message.traceId() == null ? null : jobSpans.get(message.traceId());
        try (JobLogContext context = JobLogContext.of(jobId(message), null, message.traceId());
             Tracer.SpanInScope scope = job == null ? null : traces.activate(job)) {
            work.run();
        }
    }

    /** An event of the job failed or died in this round. */
    void failed(OutboxMessage message, String error) {
        Span job = message.traceId() == null ? null : jobSpans.get(message.traceId());
        if (job != null) {
            job.event("outbox event " + message.id() + " not published: " + error);
        }
    }

    private static String jobId(OutboxMessage message) {
        return EventEnvelope.JOB_AGGREGATE.equals(message.aggregateType()) ? message.aggregateId() : null;
    }

    @Override
    public void close() {
        jobSpans.values().forEach(Span::end);
        round.close();
    }
}
