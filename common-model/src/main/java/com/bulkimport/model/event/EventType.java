package com.bulkimport.model.event;

import com.bulkimport.model.ImportKind;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Every event type the system writes to the outbox, each with the record its payload decodes to. */
public enum EventType {
    IMPORT_JOB_CREATED(ImportJobCreated.class, Audience.NONE),
    IMPORT_JOB_STARTED(ImportJobStarted.class, Audience.WORKERS),
    IMPORT_BATCH_READY(ImportBatchReady.class, Audience.WORKERS),
    // a finished job's failed images fetched again: work, the job's status unchanged
    IMPORT_IMAGES_RETRY(ImportImagesRetry.class, Audience.WORKERS),
    IMPORT_JOB_COMPLETED(ImportJobCompleted.class, Audience.NOTIFICATIONS),
    IMPORT_JOB_FAILED(ImportJobFailed.class, Audience.NOTIFICATIONS),
    IMPORT_JOB_CANCELLED(ImportJobCancelled.class, Audience.NOTIFICATIONS),
    // a pause is no end: nobody waiting for the job's end is told, webhooks that subscribe see it
    IMPORT_JOB_PAUSED(ImportJobPaused.class, Audience.NONE),
    IMPORT_JOB_RESUMED(ImportJobResumed.class, Audience.NONE),
    IMPORT_BATCH_APPLIED(ImportBatchApplied.class, Audience.SUBSCRIBERS),
    RESTAURANT_CREATED(RecordChanged.class, Audience.SUBSCRIBERS),
    RESTAURANT_UPDATED(RecordChanged.class, Audience.SUBSCRIBERS),
    DISH_CREATED(RecordChanged.class, Audience.SUBSCRIBERS),
    DISH_UPDATED(RecordChanged.class, Audience.SUBSCRIBERS),
    PRODUCT_CREATED(RecordChanged.class, Audience.SUBSCRIBERS),
    PRODUCT_UPDATED(RecordChanged.class, Audience.SUBSCRIBERS),
    CUSTOMER_CREATED(RecordChanged.class, Audience.SUBSCRIBERS),
    CUSTOMER_UPDATED(RecordChanged.class, Audience.SUBSCRIBERS),
    PURCHASE_CREATED(RecordChanged.class, Audience.SUBSCRIBERS),
    REVIEW_CREATED(RecordChanged.class, Audience.SUBSCRIBERS),
    REVIEW_UPDATED(RecordChanged.class, Audience.SUBSCRIBERS),
    INVENTORY_CREATED(RecordChanged.class, Audience.SUBSCRIBERS),
    INVENTORY_UPDATED(RecordChanged.class, Audience.SUBSCRIBERS),
    // a revert deletes the records the import it undoes created (and announces the ones it restores as _UPDATED)
    RESTAURANT_DELETED(RecordChanged.class, Audience.SUBSCRIBERS),
    DISH_DELETED(RecordChanged.class, Audience.SUBSCRIBERS),
    PRODUCT_DELETED(RecordChanged.class, Audience.SUBSCRIBERS),
    CUSTOMER_DELETED(RecordChanged.class, Audience.SUBSCRIBERS),
    PURCHASE_DELETED(RecordChanged.class, Audience.SUBSCRIBERS),
    REVIEW_DELETED(RecordChanged.class, Audience.SUBSCRIBERS),
    INVENTORY_DELETED(RecordChanged.class, Audience.SUBSCRIBERS);

    private final Class<? extends EventPayload> payloadType;
    private final Audience audience;

    EventType(Class<? extends EventPayload> payloadType, Audience audience) {
        this.payloadType = payloadType;
        this.audience = audience;
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

    /** {@code <RECORD>_DELETED} of a kind's records (a revert deleted one). */
    public static EventType ofDeletedRecord(ImportKind kind) {
        return valueOf(kind.recordName().toUpperCase(Locale.ROOT) + "_DELETED");
    }

    /** Whether the event announces one imported record (a domain event), rather than a job's progress. */
    public boolean announcesARecord() {
        return payloadType == RecordChanged.class;
    }

    /** Who the event is for (where SQS and Kafka send it). */
    public Audience audience() {
        return audience;
    }

    /** The audience of a type by its name: {@link Audience#NONE} for a type this version does not know. */
    public static Audience audienceOf(String name) {
        return named(name).map(EventType::audience).orElse(Audience.NONE);
    }

    /**
     * The record an event announces, as its outbox aggregate and its Kafka topic name it ({@code restaurant},
     * {@code dish}, {@code product}, {@code customer}, {@code purchase}, {@code review}, {@code inventory}); empty for a job's event.
     */
    public Optional<String> recordName() {
        return announcesARecord()
                ? Optional.of(name().substring(0, name().lastIndexOf('_')).toLowerCase(Locale.ROOT))
                : Optional.empty();
    }

    /** The type of that name, or empty for a type this version does not know. */
    public static Optional<EventType> named(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
