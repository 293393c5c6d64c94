package com.bulkimport.model.staging;

import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** What staging, batching and finishing need to know about a job. */
public record JobRef(UUID id, String owner, String tenant, ImportKind kind, ImportMode mode, String traceId,
                     ImportOptions options) {

    /** The fields every job event carries. */
    public Map<String, Object> eventPayload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("job_id", id.toString());
        payload.put("kind", kind.wireName());
        payload.put("tenant", tenant);
        payload.put("owner", owner);
        return payload;
    }

    /** IMPORT_BATCH_READY for one of this job's batches: all a worker needs to apply it. */
    public EventEnvelope batchReady(String source, UUID batchId, int seq, int rowCount) {
        return batchReady(source, batchId, seq, rowCount, false);
    }

    /** @param resent sent again for a batch whose message was lost (the sweeper) or spent (a retry) */
    public EventEnvelope batchReady(String source, UUID batchId, int seq, int rowCount, boolean resent) {
        Map<String, Object> payload = eventPayload();
        payload.put("batch_id", batchId.toString());
        payload.put("seq", seq);
        payload.put("row_count", rowCount);
        if (resent) {
            payload.put("resent", true);
        }
        return EventEnvelope.of(EventType.IMPORT_BATCH_READY, source, traceId, "READY", payload);
    }
}
