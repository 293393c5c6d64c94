package com.bulkimport.support.logging;

import com.bulkimport.model.LogText;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventPayload;
import org.slf4j.MDC;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MDC keys a job's work is logged under in every service ({@code job_id}, {@code batch_id},
 * {@code trace_id}), as a scope: it restores what was there before when closed, so nested scopes (a
 * request that finds its job, a consumer around its dispatcher) and pooled threads never leak one
 * job's keys into another's lines. Values are {@link LogText#clean cleaned}: an event's ids are only as
 * trustworthy as whoever wrote the event.
 */
public final class JobLogContext implements AutoCloseable {

    public static final String JOB_ID = "job_id";
    public static final String BATCH_ID = "batch_id";
    public static final String TRACE_ID = "trace_id";

    /** What each key held before this scope (null: absent). */
    private final Map<String, String> previous = new LinkedHashMap<>();

    private JobLogContext() {
        // all three, even those this scope does not set: work inside it may add them ({@link #current})
        for (String key : new String[] {JOB_ID, BATCH_ID, TRACE_ID}) {
            previous.put(key, MDC.get(key));
        }
    }

    /** An empty scope; {@link #put} or {@link #current} fill it as the work learns which job it is. */
    public static JobLogContext open() {
        return new JobLogContext();
    }

    /**
     * Adds a key to the scope open on this thread (a request that has just found or created its job).
     * Only call it inside a scope: that scope's close removes it again.
     */
    public static void current(String key, String value) {
        if (value != null && !value.isBlank()) {
            MDC.put(key, LogText.clean(value));
        }
    }

    /** @param batchId null outside a batch */
    public static JobLogContext of(String jobId, String batchId, String traceId) {
        return open().put(JOB_ID, jobId).put(BATCH_ID, batchId).put(TRACE_ID, traceId);
    }

    /** The job, batch (when the event is about one) and trace an event belongs to. */
    public static JobLogContext of(EventEnvelope event) {
        EventPayload payload = event.knownPayload();
        if (payload == null) {
            // an event this version cannot read (it is on its way to the dead letters): still log it under its job
            return of(event.payloadText("job_id"), event.payloadText("batch_id"), event.traceId());
        }
        return of(payload.jobId().toString(), payload.batchId() == null ? null : payload.batchId().toString(),
                event.traceId());
    }

    /** Sets a key for this scope; a null or blank value leaves the key as it was. */
    public JobLogContext put(String key, String value) {
        if (value == null || value.isBlank()) {
            return this;
        }
        if (!previous.containsKey(key)) {
            previous.put(key, MDC.get(key));
        }
        MDC.put(key, LogText.clean(value));
        return this;
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
        previous.clear();
    }
}
