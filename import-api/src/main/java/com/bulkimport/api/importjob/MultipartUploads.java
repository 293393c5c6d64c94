package com.bulkimport.api.importjob;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.api.storage.MultipartStorage;
import com.bulkimport.api.storage.MultipartStorage.PartUrl;
import com.bulkimport.api.storage.MultipartStorage.StoredPart;
import com.bulkimport.api.storage.PartPlan;
import com.bulkimport.api.storage.StorageProperties;
import com.bulkimport.api.storage.UploadStorage;
import com.bulkimport.model.JobStatus;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A job's resumable multipart upload (docs/architecture.md, "Uploads"): the create plans it and begins it in
 * S3; a client asks for part URLs as it goes, lists what S3 holds to resume, and completes it; cancel and the
 * sweeper abort it. S3 is asked what it holds every time, so nothing here can drift from it.
 */
@Service
class MultipartUploads {

    private static final Logger log = LoggerFactory.getLogger(MultipartUploads.class);

    private final ImportJobService jobs;
    private final ImportJobRepository repository;
    private final MultipartStorage storage;
    private final UploadStorage objects;
    private final StorageProperties.Multipart properties;

    MultipartUploads(ImportJobService jobs, ImportJobRepository repository, MultipartStorage storage,
                     UploadStorage objects, StorageProperties properties) {
        this.jobs = jobs;
        this.repository = repository;
        this.storage = storage;
        this.objects = objects;
        this.properties = properties.multipart();
    }

    /** Body of {@code POST …/upload/parts}. */
    record PartsRequest(@ArraySchema(maxItems = StorageProperties.Multipart.URLS_PER_REQUEST,
            arraySchema = @Schema(description = "part numbers (1 to part_count) to sign, at most 100 at once"),
            schema = @Schema(minimum = "1", maximum = "10000")) List<Integer> partNumbers) {
    }

    /** Answer of {@code POST …/upload/parts}. */
    record PartUrls(List<PartUrl> parts) {
    }

    /** One part named by a completion. */
    record CompletedPart(@Schema(minimum = "1", maximum = "10000") Integer partNumber,
                         @Schema(maxLength = MAX_ETAG, description = "the ETag header the part's PUT answered with")
                         String etag) {
    }

    /** Body of {@code POST …/upload/complete}: every part with the ETag its PUT answered; or no body. */
    record CompleteRequest(@ArraySchema(maxItems = PartPlan.MAX_PARTS) List<CompletedPart> parts) {
    }

    /** The longest ETag a completion may name (S3's are 34 characters, quotes included). */
    static final int MAX_ETAG = 1024;

    /**
     * What storage holds of a job's upload. {@code parts} and {@code missing_parts} while the parts are awaited
     * (both empty once completed); {@code completed} once the file is whole (a single PUT: once it arrived).
     */
    record UploadStatus(String mode, String uploadId, long fileSize, Long partSize, Integer partCount,
                        boolean completed, long uploadedBytes, List<StoredPart> parts, List<Integer> missingParts,
                        Instant completeBy) {
    }

    UploadStatus status(Caller caller, UUID id) {
        ImportJob job = jobs.find(caller, id);
        if (!job.multipart()) {
            boolean arrived = job.status() != JobStatus.AWAITING_UPLOAD || objects.sizeOf(job.objectKey()).isPresent();
            long size = job.fileSize() == null ? 0 : job.fileSize();
            return new UploadStatus("single", null, size, null, null, arrived, arrived ? size : 0, List.of(),
                    List.of(), null);
        }
        PartPlan plan = planOf(job);
        if (job.uploadCompletedAt() != null || job.status() != JobStatus.AWAITING_UPLOAD) {
            // completed, or the job went on (cancelled, expired) and the upload with it: nothing to ask S3
            boolean whole = job.uploadCompletedAt() != null;
            return new UploadStatus("multipart", job.uploadId(), plan.fileSize(), plan.partSize(), plan.partCount(),
                    whole, whole ? plan.fileSize() : 0, List.of(), List.of(), null);
        }
        List<StoredPart> held = inPlan(storage.parts(job.objectKey(), job.uploadId()), plan);
        long bytes = held.stream().mapToLong(StoredPart::size).sum();
        return new UploadStatus("multipart", job.uploadId(), plan.fileSize(), plan.partSize(), plan.partCount(), false,
                bytes, held, missing(held, plan), job.expiresAt());
    }

    PartUrls partUrls(Caller caller, UUID id, PartsRequest request) {
        ImportJob job = awaitingParts(caller, id, "sign parts for");
        PartPlan plan = planOf(job);
        List<Integer> numbers = request == null || request.partNumbers() == null ? List.of() : request.partNumbers();
        List<String> problems = new ArrayList<>();
        if (numbers.isEmpty()) {
            problems.add("part_numbers must name at least one part");
        } else if (numbers.size() > StorageProperties.Multipart.URLS_PER_REQUEST) {
            problems.add("part_numbers names " + numbers.size() + " parts; at most " + StorageProperties.Multipart.URLS_PER_REQUEST
                    + " at once");
        } else {
            checkNumbers("part_numbers", numbers, plan, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidImportRequest(problems);
        }
        return new PartUrls(numbers.stream()
                .map(n -> storage.presignPart(job.objectKey(), job.uploadId(), n, plan.sizeOf(n))).toList());
    }

    /**
     * Assembles the file from its parts. With a body, the parts and ETags the client says it uploaded are checked
     * against what S3 holds first, so a wrong ETag, a missing part or a part of the wrong size is a clear 422
     * before S3 is asked; without one, the parts S3 holds are taken as they are. Completing a completed upload
     * answers as the first time did.
     */
    UploadStatus complete(Caller caller, UUID id, CompleteRequest request) {
        ImportJob job = jobs.find(caller, id);
        if (!job.multipart()) {
            throw new UploadNotMultipart();
        }
        if (job.uploadCompletedAt() != null) {
            return status(caller, id);
        }
        if (job.status() != JobStatus.AWAITING_UPLOAD) {
            throw new IllegalJobState("complete the upload of", job.status());
        }
        PartPlan plan = planOf(job);
        Map<Integer, String> claimed = claimed(request, plan);
        List<StoredPart> held = inPlan(storage.parts(job.objectKey(), job.uploadId()), plan);
        if (held.isEmpty() && assembled(job, plan)) {
            // an earlier completion reached S3 but not the job row: the file is whole
            return markCompleted(caller, job);
        }
        List<Integer> missing = missing(held, plan);
        if (!missing.isEmpty()) {
            throw new UploadPartsMissing(missing, plan.partCount(), true);
        }
        List<Integer> wrongTag = new ArrayList<>();
        List<Integer> wrongSize = new ArrayList<>();
        for (StoredPart part : held) {
            String etag = claimed.get(part.partNumber());
            if (etag != null && !unquoted(etag).equals(unquoted(part.etag()))) {
                wrongTag.add(part.partNumber());
            }
            if (part.size() != plan.sizeOf(part.partNumber())) {
                wrongSize.add(part.partNumber());
            }
        }
        if (!wrongTag.isEmpty()) {
            throw new UploadPartEtagMismatch(wrongTag);
        }
        if (!wrongSize.isEmpty()) {
            throw new UploadPartSizeMismatch(wrongSize, plan.partSize());
        }
        boolean done;
        try {
            done = storage.complete(job.objectKey(), job.uploadId(), held);
        } catch (MultipartStorage.CompleteRefused e) {
            throw new UploadRefusedByStorage(e.code(), e.getMessage());
        }
        if (!done && !assembled(job, plan)) {
            throw new UploadGone();
        }
        log.info("import {} upload completed: {} parts, {} bytes", id, plan.partCount(), plan.fileSize());
        return markCompleted(caller, job);
    }

    /**
     * Aborts a multipart upload whose job will never take it (cancelled), once that is committed: aborting first
     * would leave a job whose cancel rolled back with no upload to go on with. Best effort: a failure leaves parts
     * that the bucket's AbortIncompleteMultipartUpload rule removes.
     */
    void abandoned(ImportJob job) {
        if (!job.multipart() || job.uploadCompletedAt() != null) {
            return;
        }
        try {
            storage.abort(job.objectKey(), job.uploadId());
            log.info("import {}: its multipart upload was aborted", job.id());
        } catch (RuntimeException e) {
            log.warn("import {}: aborting its multipart upload failed ({}); the bucket's lifecycle rule removes"
                    + " the parts", job.id(), e.toString());
        }
    }

    private UploadStatus markCompleted(Caller caller, ImportJob job) {
        if (!repository.uploadCompleted(job.id())) {
            throw new IllegalJobState("complete the upload of", jobs.find(caller, job.id()).status());
        }
        return status(caller, job.id());
    }

    private boolean assembled(ImportJob job, PartPlan plan) {
        return objects.sizeOf(job.objectKey()).map(size -> size == plan.fileSize()).orElse(false);
    }

    private ImportJob awaitingParts(Caller caller, UUID id, String action) {
        ImportJob job = jobs.find(caller, id);
        if (!job.multipart()) {
            throw new UploadNotMultipart();
        }
        if (job.status() != JobStatus.AWAITING_UPLOAD) {
            throw new IllegalJobState(action, job.status());
        }
        if (job.uploadCompletedAt() != null) {
            throw new IllegalJobState(action + " a completed upload of", job.status());
        }
        return job;
    }

    /** The body's parts by number, checked (each of 1..part_count once, an ETag each); empty without a body. */
    private static Map<Integer, String> claimed(CompleteRequest request, PartPlan plan) {
        if (request == null || request.parts() == null) {
            return Map.of();
        }
        List<String> problems = new ArrayList<>();
        if (request.parts().size() > PartPlan.MAX_PARTS) {
            throw new InvalidImportRequest(List.of("parts lists " + request.parts().size() + " parts; at most "
                    + PartPlan.MAX_PARTS));
        }
        Map<Integer, String> claimed = new HashMap<>();
        List<Integer> numbers = new ArrayList<>();
        for (CompletedPart part : request.parts()) {
            if (part == null || part.partNumber() == null || part.etag() == null || part.etag().isBlank()
                    || part.etag().length() > MAX_ETAG) {
                problems.add("every entry of parts needs a part_number and the etag its upload answered with");
                break;
            }
            numbers.add(part.partNumber());
            claimed.put(part.partNumber(), part.etag());
        }
        if (problems.isEmpty()) {
            checkNumbers("parts", numbers, plan, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidImportRequest(problems);
        }
        List<Integer> left = new ArrayList<>();
        for (int n = 1; n <= plan.partCount(); n++) {
            if (!claimed.containsKey(n)) {
                left.add(n);
            }
        }
        if (!left.isEmpty()) {
            throw new UploadPartsMissing(left, plan.partCount(), false);
        }
        return claimed;
    }

    private static void checkNumbers(String field, List<Integer> numbers, PartPlan plan, List<String> problems) {
        Set<Integer> seen = new LinkedHashSet<>();
        for (Integer n : numbers) {
            if (n == null || n < 1 || n > plan.partCount()) {
                problems.add(field + ": " + n + " is not a part of this upload (1 to " + plan.partCount() + ")");
                return;
            }
            if (!seen.add(n)) {
                problems.add(field + ": part " + n + " is named twice");
                return;
            }
        }
    }

    static PartPlan planOf(ImportJob job) {
        return PartPlan.of(job.fileSize(), job.uploadPartSize());
    }

    /** Parts beyond the plan (none a client could get a URL for) are left out: S3 drops them on completion. */
    private static List<StoredPart> inPlan(List<StoredPart> parts, PartPlan plan) {
        return parts.stream().filter(p -> p.partNumber() >= 1 && p.partNumber() <= plan.partCount()).toList();
    }

    private static List<Integer> missing(List<StoredPart> held, PartPlan plan) {
        boolean[] has = new boolean[plan.partCount() + 1];
        held.forEach(p -> has[p.partNumber()] = true);
        List<Integer> missing = new ArrayList<>();
        for (int n = 1; n <= plan.partCount(); n++) {
            if (!has[n]) {
                missing.add(n);
            }
        }
        return missing;
    }

    private static String unquoted(String etag) {
        String e = etag.strip();
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e.toLowerCase(Locale.ROOT);
    }
}
