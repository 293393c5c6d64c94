package com.bulkimport.model.event;

/** Every event type the system writes to the outbox. */
public enum EventType {
    IMPORT_JOB_CREATED,
    IMPORT_JOB_STARTED,
    IMPORT_BATCH_READY,
    IMPORT_BATCH_COMPLETED,
    IMPORT_JOB_COMPLETED,
    IMPORT_JOB_FAILED,
    IMPORT_JOB_CANCELLED,
    RESTAURANT_CREATED,
    RESTAURANT_UPDATED,
    PRODUCT_CREATED,
    PRODUCT_UPDATED,
    PURCHASE_CREATED
}
