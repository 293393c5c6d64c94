package com.bulkimport.api.storage;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Copies a stream of unknown length into one S3 object holding one part in memory at a time: a
 * stream that ends within the first part is a single PUT; a longer one becomes a multipart upload,
 * aborted when anything goes wrong (the stream fails, a limit is hit, S3 refuses), so no half
 * object and no orphaned parts remain. Memory is one part, whatever the file's size.
 */
final class StreamingPut {

    private final S3Client s3;
    private final String bucket;
    private final int partSize;

    StreamingPut(S3Client s3, String bucket, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    StreamedObject copy(String key, InputStream content) {
        MessageDigest sha256 = sha256();
        byte[] part = new byte[partSize];
        int filled = fill(content, part, sha256);
        if (filled < partSize) {
            s3.putObject(b -> b.bucket(bucket).key(key).contentLength((long) filled), body(part, filled));
            return new StreamedObject(filled, HexFormat.of().formatHex(sha256.digest()));
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long size = 0;
            for (int length = filled; length > 0; length = fill(content, part, sha256)) {
                int number = parts.size() + 1;
                int bytes = length;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                        .contentLength((long) bytes), body(part, bytes)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                size += length;
                if (length < partSize) {
                    break; // the stream ended inside this part
                }
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return new StreamedObject(size, HexFormat.of().formatHex(sha256.digest()));
        } catch (RuntimeException e) {
            abort(key, uploadId, e);
            throw e;
        }
    }

    private void abort(String key, String uploadId, RuntimeException cause) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            cause.addSuppressed(e); // S3's lifecycle rule for incomplete uploads clears what is left
        }
    }

    /** Reads until the part is full or the stream ends. @return bytes read (less than a part: the end) */
    private static int fill(InputStream content, byte[] part, MessageDigest sha256) {
        try {
            int filled = 0;
            while (filled < part.length) {
                int n = content.read(part, filled, part.length - filled);
                if (n < 0) {
                    break;
                }
                filled += n;
            }
            sha256.update(part, 0, filled);
            return filled;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RequestBody body(byte[] part, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length,
                "application/octet-stream");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
