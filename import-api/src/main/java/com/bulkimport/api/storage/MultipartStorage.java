package com.bulkimport.api.storage;

import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedUploadPartRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client's multipart upload straight to the bucket: S3 holds the parts, the job holds the upload id.
 * Part URLs are presigned for one part number and its exact length; what S3 has is always asked of S3
 * (ListParts), never remembered, so a client that lost track resumes from the truth.
 */
@Component
public class MultipartStorage {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final StorageProperties properties;

    MultipartStorage(S3Client s3, S3Presigner presigner, StorageProperties properties) {
        this.s3 = s3;
        this.presigner = presigner;
        this.properties = properties;
    }

    /** A part as S3 holds it; the ETag as S3 gives it (quoted). */
    public record StoredPart(int partNumber, String etag, long size) {
    }

    /** A presigned PUT of one part; the client sends {@code headers} as given (Content-Length is signed). */
    public record PartUrl(int partNumber, String url, Map<String, String> headers, long size, Instant expiresAt) {
    }

    /** @return S3's upload id */
    public String begin(String key) {
        return s3.createMultipartUpload(b -> b.bucket(properties.bucket()).key(key)
                .contentType("application/octet-stream")).uploadId();
    }

    public PartUrl presignPart(String key, String uploadId, int partNumber, long size) {
        PresignedUploadPartRequest presigned = presigner.presignUploadPart(b -> b
                .signatureDuration(properties.multipart().partUrlExpiry())
                .uploadPartRequest(p -> p.bucket(properties.bucket()).key(key).uploadId(uploadId)
                        .partNumber(partNumber).contentLength(size)));
        Map<String, String> headers = new LinkedHashMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name.equalsIgnoreCase("content-length") ? "Content-Length" : name, String.join(",", values));
            }
        });
        return new PartUrl(partNumber, presigned.url().toString(), headers, size, presigned.expiration());
    }

    /**
     * Every part S3 holds, by part number (ListParts, page after page). Empty when the upload is gone
     * (completed or aborted: S3 answers NoSuchUpload, S3Proxy an empty list).
     */
    public List<StoredPart> parts(String key, String uploadId) {
        List<StoredPart> parts = new ArrayList<>();
        Integer marker = null;
        try {
            while (true) {
                Integer after = marker;
                ListPartsResponse page = s3.listParts(b -> b.bucket(properties.bucket()).key(key).uploadId(uploadId)
                        .maxParts(1000).partNumberMarker(after));
                for (Part part : page.parts()) {
                    parts.add(new StoredPart(part.partNumber(), part.eTag(), part.size()));
                }
                if (!Boolean.TRUE.equals(page.isTruncated()) || page.nextPartNumberMarker() == null) {
                    break;
                }
                marker = page.nextPartNumberMarker();
            }
        } catch (NoSuchUploadException e) {
            return List.of();
        }
        parts.sort(java.util.Comparator.comparingInt(StoredPart::partNumber));
        return parts;
    }

    /** Why S3 refused to assemble the object, in S3's words ({@code code} is S3's error code). */
    public static final class CompleteRefused extends RuntimeException {
        private final String code;

        CompleteRefused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * Assembles the object from {@code parts} (in part-number order).
     *
     * @return false when the upload is gone (completed by an earlier call, or aborted)
     * @throws CompleteRefused for S3's InvalidPart, InvalidPartOrder, EntityTooSmall and any other 4xx
     */
    public boolean complete(String key, String uploadId, List<StoredPart> parts) {
        List<CompletedPart> completed = parts.stream()
                .map(p -> CompletedPart.builder().partNumber(p.partNumber()).eTag(p.etag()).build()).toList();
        try {
            s3.completeMultipartUpload(b -> b.bucket(properties.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(completed)));
            return true;
        } catch (NoSuchUploadException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() / 100 == 4 && e.awsErrorDetails() != null) {
                throw new CompleteRefused(e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
            }
            throw e;
        }
    }

    /**
     * Drops the upload and every part S3 holds of it. An upload already gone is no error; any other failure is
     * thrown (callers treat it as best effort: the bucket's AbortIncompleteMultipartUpload rule clears the rest).
     */
    public void abort(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(properties.bucket()).key(key).uploadId(uploadId));
        } catch (NoSuchUploadException e) {
            // completed or aborted before: nothing left
        }
    }
}
