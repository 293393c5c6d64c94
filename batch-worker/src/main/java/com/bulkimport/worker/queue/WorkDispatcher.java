package com.bulkimport.worker.queue;

import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventPayload;
import com.bulkimport.support.logging.JobLogContext;
import com.bulkimport.support.tracing.JobTraces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Routes an event to the handler of its type; events nobody handles are acknowledged and logged.
 * Every consumer (SQS today) comes through here, so this is where a message's work joins its job:
 * a span in the job's trace (from the envelope's {@code trace_id}) and {@code job_id},
 * {@code batch_id}, {@code trace_id} on every log line until the handler returns.
 */
@Component
public class WorkDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WorkDispatcher.class);

    private final Map<String, WorkHandler> handlers;
    private final JobTraces traces;

    WorkDispatcher(List<WorkHandler> handlers, JobTraces traces) {
        this.handlers = handlers.stream().collect(Collectors.toMap(h -> h.handles().name(), Function.identity()));
        this.traces = traces;
    }

    public void dispatch(EventEnvelope event) {
        EventPayload payload = event.knownPayload();
        try (JobLogContext context = JobLogContext.of(event);
             JobTraces.Scope span = traces.inTrace(event.traceId(), "work " + event.eventType())) {
            span.tag("event.type", event.eventType()).tag("event.id", event.eventId().toString())
                    .tag("job.id", text(payload == null ? null : payload.jobId()))
                    .tag("batch.id", text(payload == null ? null : payload.batchId()));
            WorkHandler handler = handlers.get(event.eventType());
            if (handler == null) {
                log.info("ignoring {} {}: no handler for it here", event.eventType(), event.eventId());
                return;
            }
            long started = System.nanoTime();
            try {
                handler.handle(event);
            } catch (RuntimeException e) {
                span.error(e);
                throw e;
            }
            log.info("{} {} handled in {} ms", event.eventType(), event.eventId(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
