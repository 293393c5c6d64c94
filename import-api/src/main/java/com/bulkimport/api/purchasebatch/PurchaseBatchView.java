package com.bulkimport.api.purchasebatch;

import com.bulkimport.api.importjob.ImportJob;
import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.JobStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * A purchase job in the seed's shape ({@code GET /api/import/status/:batch_id}: id, status,
 * imported_purchases, imported_items, started_at, completed_at; its batches table's batch_name and
 * error_message), with the job's own status and address beside it for clients that want more.
 *
 * @param status             the seed's word: pending, processing, completed, failed (and cancelled,
 *                           which the seed had no word for)
 * @param importedPurchases  transactions written (0 for a failed job: purchases are all or nothing)
 * @param importedItems      purchase lines written
 * @param duplicatePurchases transactions skipped because they were imported before
 * @param errorCount         refused lines
 * @param errorMessage       why the job failed or was cancelled, else null
 * @param jobStatus          this API's exact status ({@code GET /api/imports/{id}} tells everything)
 */
record PurchaseBatchView(UUID id, String batchName, String merchantId, String status, long importedPurchases,
                         long importedItems, long duplicatePurchases, long errorCount, String errorMessage,
                         String fileName, Instant createdAt, Instant startedAt, Instant completedAt, JobStatus jobStatus,
                         String jobUrl) {

    static PurchaseBatchView of(ImportJob job) {
        return new PurchaseBatchView(job.id(), job.label(), ImportOptions.fromJson(job.optionsJson()).defaults()
                .get("merchant"), seedStatus(job.status()), job.created(), job.items(), job.duplicates(), job.errors(),
                job.failureReason(), job.fileName(), job.createdAt(), job.startedAt(), job.completedAt(), job.status(),
                "/api/imports/" + job.id());
    }

    /** The seed's batches go pending → processing → completed | failed; ours have more steps on the way. */
    static String seedStatus(JobStatus status) {
        return switch (status) {
            case AWAITING_UPLOAD, PENDING -> "pending";
            // the seed knows no pause: a paused import is still on its way (job_status says PAUSED)
            case INGESTING, PREVIEW_READY, APPLYING, CANCELLING, PAUSED -> "processing";
            case COMPLETED, COMPLETED_WITH_ERRORS -> "completed";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
        };
    }
}
