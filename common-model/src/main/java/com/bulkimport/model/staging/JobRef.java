package com.bulkimport.model.staging;

import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.ImportOptions;

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
}
