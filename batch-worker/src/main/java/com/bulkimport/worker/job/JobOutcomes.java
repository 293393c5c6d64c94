package com.bulkimport.worker.job;

import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.model.outbox.OutboxWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

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
        Map<String, Object> payload = job.ref().eventPayload();
        payload.put("failure_code", code);
        payload.put("failure_reason", reason);
        outbox.appendForJob(job.id(), EventEnvelope.of(EventType.IMPORT_JOB_FAILED, eventSource, job.traceId(),
                JobStatus.FAILED.name(), payload));
        return true;
    }


}
