package com.bulkimport.worker.job;

import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.model.outbox.OutboxWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/** Ends jobs: the status change and its outbox event, in the caller's transaction. */
@Component
public class JobOutcomes {

    private final JobStore jobs;
    private final OutboxWriter outbox;
    private final String eventSource;

    JobOutcomes(JobStore jobs, OutboxWriter outbox, @Value("${bulkimport.events.source}") String eventSource) {
        this.jobs = jobs;
        this.outbox = outbox;
        this.eventSource = eventSource;
    }

    /** @return whether the job was live and is now FAILED */
    public boolean fail(WorkerJob job, String code, String reason) {
        if (!jobs.fail(job.id(), code, reason)) {
            return false;
        }
        Map<String, Object> payload = base(job);
        payload.put("failure_code", code);
        payload.put("failure_reason", reason);
        outbox.appendForJob(job.id(), EventEnvelope.of(EventType.IMPORT_JOB_FAILED, eventSource, job.traceId(),
                JobStatus.FAILED.name(), payload));
        return true;
    }

    public void completed(WorkerJob job, JobStatus status, Map<String, Object> counters) {
        Map<String, Object> payload = base(job);
        payload.putAll(counters);
        outbox.appendForJob(job.id(), EventEnvelope.of(EventType.IMPORT_JOB_COMPLETED, eventSource, job.traceId(),
                status.name(), payload));
    }

    private static Map<String, Object> base(WorkerJob job) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("job_id", job.id().toString());
        payload.put("kind", job.kind().wireName());
        payload.put("tenant", job.tenant());
        payload.put("owner", job.owner());
        return payload;
    }
}
