package com.bulkimport.model.event;

import java.util.Arrays;
import java.util.Optional;

/** Every event type the system writes to the outbox, each with the record its payload decodes to. */
public enum EventType {
    IMPORT_JOB_CREATED(ImportJobCreated.class),
    IMPORT_JOB_STARTED(ImportJobStarted.class),
    IMPORT_BATCH_READY(ImportBatchReady.class),
    IMPORT_JOB_COMPLETED(ImportJobCompleted.class),
    IMPORT_JOB_FAILED(ImportJobFailed.class),
    IMPORT_JOB_CANCELLED(ImportJobCancelled.class);

    private final Class<? extends EventPayload> payloadType;

    EventType(Class<? extends EventPayload> payloadType) {
        this.payloadType = payloadType;
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    /** The type whose payload this is. */
    public static EventType of(EventPayload payload) {
        for (EventType type : values()) {
            if (type.payloadType == payload.getClass()) {
                return type;
            }
        }
        throw new IllegalArgumentException("no event type for " + payload.getClass().getSimpleName());
    }

    /** The type of that name, or empty for a type this version does not know. */
    public static Optional<EventType> named(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
