package com.bulkimport.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code <RECORD>_CREATED} and {@code <RECORD>_UPDATED} (RESTAURANT_, DISH_, PRODUCT_, CUSTOMER_,
 * REVIEW_; PURCHASE_CREATED): one imported record after the change, written by the batch's apply in
 * its own transaction. The outbox aggregate is the record ({@code restaurant}, its id), so an ordered
 * transport keeps each record's changes in order.
 *
 * @param kind        the import kind, e.g. {@code restaurants}
 * @param rowNumber   the file's data row (from 1) that made the change; a purchase's first line
 * @param recordId    the record's id in its table
 * @param externalKey the kind's own identifier (external_id, sku or barcode, customer_ref, transaction_ref,
 *                    review_ref, a dish's name), absent when the record has none
 * @param record      the record's fields after the change (absent fields are null)
 * @param changes     for an update, each changed field with its value before and after; absent for a creation
 *                    and a deletion
 * @param deleted     true for {@code <RECORD>_DELETED} (a revert deleted the record; {@code record} is the record as
 *                    it was), else absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordChanged(UUID jobId, UUID batchId, long rowNumber, String tenant, String kind, long recordId,
                            String externalKey, Map<String, Object> record,
                            Map<String, FieldChange> changes, Boolean deleted) implements EventPayload {

    public RecordChanged(UUID jobId, UUID batchId, long rowNumber, String tenant, String kind, long recordId,
                         String externalKey, Map<String, Object> record, Map<String, FieldChange> changes) {
        this(jobId, batchId, rowNumber, tenant, kind, recordId, externalKey, record, changes, null);
    }

    public RecordChanged {
        Objects.requireNonNull(jobId, "job_id");
        Objects.requireNonNull(kind, "kind");
    }

    /** One field of an update: its value before and after (either may be null). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FieldChange(Object before, Object after) {
    }

    public boolean created() {
        return changes == null && !Boolean.TRUE.equals(deleted);
    }

    @Override
    public EventType type() {
        com.bulkimport.model.ImportKind of = com.bulkimport.model.ImportKind.fromWireName(kind)
                .orElseThrow(() -> new IllegalArgumentException("unknown kind " + kind));
        return Boolean.TRUE.equals(deleted) ? EventType.ofDeletedRecord(of) : EventType.ofRecord(of, created());
    }
}
