package com.bulkimport.api.importjob;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.api.mapping.Mappings;
import com.bulkimport.api.storage.MultipartStorage;
import com.bulkimport.api.storage.MultipartStorage.PartUrl;
import com.bulkimport.api.storage.PartPlan;
import com.bulkimport.api.storage.StorageProperties;
import com.bulkimport.api.storage.UploadStorage;
import com.bulkimport.engine.job.JobLifecycle;
import com.bulkimport.engine.job.JobRef;
import com.bulkimport.model.JobStatus;
import com.bulkimport.support.logging.JobLogContext;
import com.bulkimport.support.tracing.JobTraces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The job lifecycle as the API drives it: create (with an upload URL), start; or both for a file it stored itself. */
@Service
public class ImportJobService {

    private static final Logger log = LoggerFactory.getLogger(ImportJobService.class);

    private final ImportJobRepository jobs;
    private final ImportRequestChecks checks;
    private final UploadStorage storage;
    private final JobLifecycle lifecycle;
    private final TransactionTemplate tx;
    private final JobTraces traces;

    private final StorageQuota quota;
    private final MultipartStorage multipart;
    private final StorageProperties.Multipart multipartProperties;
    private final Mappings mappings;

    ImportJobService(ImportJobRepository jobs, ImportRequestChecks checks, UploadStorage storage,
                     JobLifecycle lifecycle, TransactionTemplate tx, JobTraces traces, StorageQuota quota,
                     MultipartStorage multipart, StorageProperties storageProperties, Mappings mappings) {
        this.mappings = mappings;
        this.quota = quota;
        this.multipart = multipart;
        this.multipartProperties = storageProperties.multipart();
        this.traces = traces;
        this.jobs = jobs;
        this.checks = checks;
        this.storage = storage;
        this.lifecycle = lifecycle;
        this.tx = tx;
    }

    /** Creates the job, or, for an Idempotency-Key used before with the same body, answers with that job. */
    Idempotency.Outcome<CreatedImport> create(Caller caller, CreateImportRequest request, String idempotencyKey) {
        ImportRequestChecks.Checked checked = withNamedMapping(caller, request, checks.check(request).allowedFor(caller));
        String hash = idempotencyKey == null ? null : Idempotency.hash("POST /api/imports", request);
        if (idempotencyKey != null) {
            var earlier = jobs.findIdempotent(caller, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(caller, earlier.get(), hash);
            }
        }
        UUID id = UUID.randomUUID();
        String key = "imports/" + id + "/" + checked.fileName();
        UploadMode mode = UploadMode.parse(request.uploadMode()).orElseThrow();
        if (mode.inParts(checked.contentLength(), multipartProperties.threshold().toBytes())) {
            return createMultipart(caller, checked, id, key, idempotencyKey, hash);
        }
        UploadStorage.PresignedUpload upload = storage.presignPut(key, checked.contentLength());
        String traceId = traces.traceIdForNewJob();
        try {
            tx.executeWithoutResult(status -> insert(caller, checked, id, key, traceId, upload.expiresAt(), null,
                    idempotencyKey, hash));
        } catch (DuplicateKeyException e) {
            // the same key raced in from a concurrent request: whichever committed first is the job
            return replay(caller, jobs.findIdempotent(caller, idempotencyKey).orElseThrow(() -> e), hash);
        }
        logUnder(id, traceId);
        log.info("import {} created: {} {}, awaiting its upload", id, checked.kind().wireName(), checked.mode());
        return new Idempotency.Outcome<>(created(id, checked, UploadInstructions.single(upload)), false);
    }

    /** The options with the tenant's named mapping as their column_mapping, when the request names one. */
    private ImportRequestChecks.Checked withNamedMapping(Caller caller, CreateImportRequest request,
                                                         ImportRequestChecks.Checked checked) {
        String name = request.mappingName();
        if (name == null) {
            return checked;
        }
        if (!checked.options().columnMapping().isEmpty()) {
            throw new InvalidImportRequest(List.of("give mapping_name or options.column_mapping, not both"));
        }
        if (name.isBlank() || name.length() > 100) {
            throw new InvalidImportRequest(List.of("mapping_name must be 1 to 100 characters"));
        }
        var saved = mappings.named(caller.tenant(), checked.kind(), name).orElseThrow(() -> new InvalidImportRequest(
                List.of("mapping_name '" + name + "' names no saved mapping of " + checked.kind().wireName()
                        + " (GET /api/mappings?kind=" + checked.kind().wireName() + " lists them)")));
        return new ImportRequestChecks.Checked(checked.kind(), checked.mode(), checked.fileName(),
                checked.contentLength(), checked.options().withColumnMapping(saved.mapping()), checked.priority());
    }

    /**
     * A job whose file goes up in parts: S3's multipart upload begins before the job row commits (its id is part
     * of the row), and is aborted again when the row does not commit, so no upload outlives a job that never was.
     */
    private Idempotency.Outcome<CreatedImport> createMultipart(Caller caller, ImportRequestChecks.Checked checked,
                                                               UUID id, String key, String idempotencyKey, String hash) {
        PartPlan plan = PartPlan.of(checked.contentLength(), multipartProperties.partSize().toBytes());
        String uploadId = multipart.begin(key);
        Instant completeBy = Instant.now().plus(multipartProperties.uploadWindow());
        String traceId = traces.traceIdForNewJob();
        try {
            tx.executeWithoutResult(status -> insert(caller, checked, id, key, traceId, completeBy,
                    new ImportJobRepository.MultipartUpload(uploadId, plan.partSize()), idempotencyKey, hash));
        } catch (DuplicateKeyException e) {
            abortQuietly(key, uploadId);
            return replay(caller, jobs.findIdempotent(caller, idempotencyKey).orElseThrow(() -> e), hash);
        } catch (RuntimeException e) {
            abortQuietly(key, uploadId);
            throw e;
        }
        logUnder(id, traceId);
        log.info("import {} created: {} {}, awaiting its upload in {} parts of {} bytes", id,
                checked.kind().wireName(), checked.mode(), plan.partCount(), plan.partSize());
        return new Idempotency.Outcome<>(created(id, checked, UploadInstructions.multipart(id, uploadId, plan,
                firstPartUrls(key, uploadId, plan), completeBy)), false);
    }

    private CreatedImport created(UUID id, ImportRequestChecks.Checked checked, UploadInstructions upload) {
        return new CreatedImport(id, JobStatus.AWAITING_UPLOAD, checked.kind().wireName(), checked.fileName(), upload,
                "/api/imports/" + id, "/api/imports/" + id + "/start");
    }

    /** Part URLs for parts 1.., as many as one answer carries. */
    private List<PartUrl> firstPartUrls(String key, String uploadId, PartPlan plan) {
        List<PartUrl> urls = new ArrayList<>();
        for (int n = 1; n <= Math.min(plan.partCount(), StorageProperties.Multipart.URLS_PER_REQUEST); n++) {
            urls.add(multipart.presignPart(key, uploadId, n, plan.sizeOf(n)));
        }
        return urls;
    }

    private void abortQuietly(String key, String uploadId) {
        try {
            multipart.abort(key, uploadId);
        } catch (RuntimeException e) {
            log.warn("aborting the multipart upload of a job that was not created failed: {}", e.toString());
        }
    }

    private void insert(Caller caller, ImportRequestChecks.Checked checked, UUID id, String key, String traceId,
                        Instant expiresAt, ImportJobRepository.MultipartUpload upload, String idempotencyKey,
                        String hash) {
        quota.reserve(caller.tenant(), checked.contentLength());
        jobs.insert(id, caller, checked.kind(), checked.mode(), checked.fileName(), checked.contentLength(), key,
                checked.options().toJson(), traceId, expiresAt, idempotencyKey, hash, upload, checked.priority());
        lifecycle.created(new JobRef(id, caller.subject(), caller.tenant(), checked.kind(), checked.mode(), traceId,
                checked.options(), checked.priority()), checked.fileName(), null);
    }

    /** The job created earlier under the key; a fresh upload URL while the file is still awaited. */
    private Idempotency.Outcome<CreatedImport> replay(Caller caller, Idempotency.Stored earlier, String hash) {
        if (!hash.equals(earlier.requestHash())) {
            throw new IdempotencyKeyReused();
        }
        ImportJob job = find(caller, earlier.jobId());
        boolean awaited = job.status() == JobStatus.AWAITING_UPLOAD && job.fileSize() != null;
        UploadInstructions upload;
        if (!awaited) {
            upload = null;
        } else if (job.multipart()) {
            PartPlan plan = MultipartUploads.planOf(job);
            upload = job.uploadCompletedAt() != null ? null : UploadInstructions.multipart(job.id(), job.uploadId(),
                    plan, firstPartUrls(job.objectKey(), job.uploadId(), plan), job.expiresAt());
        } else {
            upload = UploadInstructions.single(storage.presignPut(job.objectKey(), job.fileSize()));
        }
        return new Idempotency.Outcome<>(new CreatedImport(job.id(), job.status(), job.kind().wireName(), job.fileName(),
                upload, "/api/imports/" + job.id(), "/api/imports/" + job.id() + "/start"), true);
    }

    /** Checks the upload, then moves the job to PENDING and writes IMPORT_JOB_STARTED in one transaction. */
    ImportJob start(Caller caller, UUID id) {
        ImportJob job = find(caller, id);
        if (job.status() != JobStatus.AWAITING_UPLOAD) {
            throw new IllegalJobState("start", job.status());
        }
        if (job.multipart() && job.uploadCompletedAt() == null) {
            throw new UploadIncomplete(id.toString());
        }
        long size = storage.sizeOf(job.objectKey()).orElseThrow(() -> new UploadMissing(job.fileName()));
        if (job.fileSize() != null && size != job.fileSize()) {
            throw new UploadSizeMismatch(job.fileSize(), size);
        }
        // the job's own owner and tenant (its ref): an admin starting someone's job imports into their tenant
        tx.executeWithoutResult(status -> {
            if (!lifecycle.start(job.ref(), job.objectKey())) {
                throw new IllegalJobState("start", find(caller, id).status());
            }
        });
        log.info("import {} started: {} bytes uploaded", id, size);
        // the mapping it starts with is confirmed: proposed to the tenant's next file with this header
        mappings.remember(job.tenant(), caller.subject(), job.kind(),
                com.bulkimport.model.ImportOptions.fromJson(job.optionsJson()).columnMapping());
        return find(caller, id);
    }

    /**
     * Creates the job of a file that is already stored and starts it at once: the job, its
     * IMPORT_JOB_CREATED and its IMPORT_JOB_STARTED commit together, so the worker sees either
     * nothing or a job ready to ingest, never one waiting for a start that no one will ask for.
     */
    public ImportJob createStarted(Caller caller, UploadedImport upload) {
        ImportRequestChecks.Checked checked = checks.checkUploaded(upload);
        UUID id = upload.id();
        String traceId = traces.traceIdForNewJob();
        JobRef job = new JobRef(id, caller.subject(), caller.tenant(), checked.kind(), checked.mode(), traceId,
                checked.options());
        tx.executeWithoutResult(status -> {
            quota.reserve(caller.tenant(), upload.size());
            jobs.insertUploaded(id, caller, checked.kind(), checked.mode(), checked.fileName(), upload.size(),
                    upload.sha256(), upload.objectKey(), checked.options().toJson(), upload.label(), traceId);
            lifecycle.created(job, checked.fileName(), null);
            if (!lifecycle.start(job, upload.objectKey())) {
                throw new IllegalStateException("job " + id + " was inserted in this transaction and cannot have moved");
            }
        });
        logUnder(id, traceId);
        log.info("import {} created and started from an uploaded form: {} bytes", id, upload.size());
        return find(caller, id);
    }

    /** The purchase jobs the caller may see whose lines default to {@code merchant}, newest first. */
    public List<ImportJob> purchasesOf(Caller caller, String merchant, int page, int size) {
        return jobs.list(caller, ImportJobRepository.JobFilter.purchasesOf(merchant), page, size);
    }

    public long countPurchasesOf(Caller caller, String merchant) {
        return jobs.count(caller, ImportJobRepository.JobFilter.purchasesOf(merchant));
    }

    /** Settles mode and options before the start (after the sample); refused once the job has started. */
    ImportJob update(Caller caller, UUID id, UpdateImportRequest request) {
        ImportJob job = find(caller, id);
        if (job.status() != JobStatus.AWAITING_UPLOAD) {
            throw new IllegalJobState("change", job.status());
        }
        ImportRequestChecks.Checked checked = checks.checkUpdate(job, request);
        if (!jobs.updateBeforeStart(id, checked.mode(), checked.options().toJson())) {
            throw new IllegalJobState("change", find(caller, id).status());
        }
        return find(caller, id);
    }

    /**
     * The sample found the uploaded file unreadable for a reason no option can cure (binary, empty, a corrupt
     * or protected workbook): a job still awaiting its start is FAILED with that reason (IMPORT_JOB_FAILED), not
     * left awaiting an upload that already happened. A job already started is left to its ingest.
     */
    public void failUnreadable(ImportJob job, String code, String reason) {
        if (job.status() != JobStatus.AWAITING_UPLOAD) {
            return;
        }
        tx.executeWithoutResult(status -> {
            if (lifecycle.fail(job.ref(), code, reason)) {
                log.info("import {} failed at its sample: {}", job.id(), code);
            }
        });
    }

    /** The caller's job; from here on the request's log lines carry its job and trace ids. */
    public ImportJob find(Caller caller, UUID id) {
        ImportJob job = jobs.find(id, caller).orElseThrow(() -> new ImportNotFound(id));
        logUnder(job.id(), job.traceId());
        return job;
    }

    /** Adds the job to the request's log scope (see {@code JobRequestLogging}). */
    static void logUnder(UUID jobId, String traceId) {
        JobLogContext.current(JobLogContext.JOB_ID, jobId.toString());
        JobLogContext.current(JobLogContext.TRACE_ID, traceId);
    }

}
