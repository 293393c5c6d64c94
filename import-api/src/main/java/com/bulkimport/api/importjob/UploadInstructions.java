package com.bulkimport.api.importjob;

import com.bulkimport.api.storage.MultipartStorage.PartUrl;
import com.bulkimport.api.storage.PartPlan;
import com.bulkimport.api.storage.UploadStorage.PresignedUpload;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where and how to upload a job's file: {@code single}, one presigned PUT of the whole file ({@code url},
 * {@code method}, {@code headers}, {@code expires_at}); or {@code multipart}, parts of {@code part_size} bytes
 * (the last one the rest) PUT to presigned part URLs in any order and in parallel, the first {@code parts}
 * here and more from {@code parts_url}, then {@code complete_url}. Each PUT answers with the part's ETag.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "single: one presigned PUT (url, method, headers, expires_at); multipart: upload_id, part_size,"
        + " part_count, the first part URLs (parts), parts_url for more, complete_url, complete_by")
record UploadInstructions(
        @Schema(allowableValues = {"single", "multipart"}) String mode,
        @Schema(description = "single: the presigned PUT") String url,
        String method,
        @Schema(description = "single: headers to send as given (they are signed)") Map<String, String> headers,
        @Schema(description = "when the presigned URL(s) given here stop being accepted") Instant expiresAt,
        String uploadId, Long partSize, Integer partCount,
        @Schema(description = "multipart: presigned PUTs of the first parts; each part's exact size is signed")
        List<PartUrl> parts,
        @Schema(description = "multipart: POST part numbers here for more part URLs") String partsUrl,
        @Schema(description = "multipart: GET lists the parts storage holds; POST …/complete assembles them")
        String uploadUrl,
        String completeUrl,
        @Schema(description = "multipart: complete and start the import before this, or it fails UPLOAD_EXPIRED")
        Instant completeBy) {

    static UploadInstructions single(PresignedUpload put) {
        return new UploadInstructions("single", put.url(), put.method(), put.headers(), put.expiresAt(),
                null, null, null, null, null, null, null, null);
    }

    static UploadInstructions multipart(UUID jobId, String uploadId, PartPlan plan, List<PartUrl> first,
                                        Instant completeBy) {
        String upload = "/api/imports/" + jobId + "/upload";
        Instant expires = first.isEmpty() ? null : first.get(0).expiresAt();
        return new UploadInstructions("multipart", null, null, null, expires, uploadId, plan.partSize(),
                plan.partCount(), first, upload + "/parts", upload, upload + "/complete", completeBy);
    }
}
