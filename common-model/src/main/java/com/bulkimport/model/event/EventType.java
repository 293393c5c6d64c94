package com.bulkimport.model.event;

import com.bulkimport.model.ImportKind;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Every event type the system writes to the outbox, each with the record its payload decodes to. */
public enum EventType {
    IMPORT_JOB_CREATED(ImportJobCreated.class),
    IMPORT_JOB_STARTED(ImportJobStarted.class),
    IMPORT_BATCH_READY(ImportBatchReady.class),
    IMPORT_JOB_COMPLETED(ImportJobCompleted.class),
    IMPORT_JOB_FAILED(ImportJobFailed.class),
    IMPORT_JOB_CANCELLED(ImportJobCancelled.class),
    IMPORT_BATCH_APPLIED(ImportBatchApplied.class),
    RESTAURANT_CREATED(RecordChanged.class),
    RESTAURANT_UPDATED(RecordChanged.class),
    DISH_CREATED(RecordChanged.class),
    DISH_UPDATED(RecordChanged.class),
    PRODUCT_CREATED(RecordChanged.class),
    PRODUCT_UPDATED(RecordChanged.class),
    CUSTOMER_CREATED(RecordChanged.class),
    CUSTOMER_UPDATED(RecordChanged.class),
    PURCHASE_CREATED(RecordChanged.class),
    REVIEW_CREATED(RecordChanged.class),
    REVIEW_UPDATED(RecordChanged.class);

    private final Class<? extends EventPayload> payloadType;

    EventType(Class<? extends EventPayload> payloadType) {
        this.payloadType = payloadType;
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    /** The type whose payload this is (one type per payload record, but for {@link RecordChanged}). */
    public static EventType of(EventPayload payload) {
        for (EventType type : values()) {
            if (type.payloadType == payload.getClass() && type.payloadType != RecordChanged.class) {
                return type;
            }
        }
        throw new IllegalArgumentException("no event type for " + payload.getClass().getSimpleName());
    }

    /** {@code <RECORD>_CREATED} or {@code <RECORD>_UPDATED} of a kind's records. */
    public static EventType ofRecord(ImportKind kind, boolean created) {
        return valueOf(kind.recordName().toUpperCase(Locale.ROOT) + (created ? "_CREATED" : "_UPDATED"));
    }

    /** Whether the event announces one imported record (a domain event), rather than a job's progress. */
    public boolean announcesARecord() {
        return payloadType == RecordChanged.class;
    }

    /** The type of that name, or empty for a type this version does not know. */
    public static Optional<EventType> named(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
