package com.bulkimport.api.storage;

import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where uploads go: presigned PUTs bound to one key and one length, and a HEAD to see what arrived;
 * or a stream the API received itself (a multipart upload), copied through part by part.
 */
@Component
public class UploadStorage {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final StorageProperties properties;
    private final StreamingPut streaming;

    UploadStorage(S3Client s3, S3Presigner presigner, StorageProperties properties) {
        this.s3 = s3;
        this.presigner = presigner;
        this.properties = properties;
        this.streaming = new StreamingPut(s3, properties.bucket(), (int) properties.uploadPartSize().toBytes());
    }

    /**
     * Streams {@code content} (of any length, read to its end) into the object {@code key}, holding
     * one upload part in memory at a time. Whatever {@code content} throws is thrown on, with nothing
     * left behind in the bucket.
     */
    public StreamedObject store(String key, InputStream content) {
        return streaming.copy(key, content);
    }

    /** Removes an object the API stored and no job will read; a missing one is no error. */
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(properties.bucket()).key(key));
    }

    /** A presigned upload; the client must send {@code headers} as given (they are signed). */
    public record PresignedUpload(String url, String method, Map<String, String> headers, Instant expiresAt) {
    }

    public PresignedUpload presignPut(String key, long contentLength) {
        PresignedPutObjectRequest presigned = presigner.presignPutObject(b -> b
                .signatureDuration(properties.uploadExpiry())
                .putObjectRequest(p -> p.bucket(properties.bucket()).key(key).contentLength(contentLength)));
        Map<String, String> headers = new LinkedHashMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(canonical(name), String.join(",", values));
            }
        });
        return new PresignedUpload(presigned.url().toString(), "PUT", headers, presigned.expiration());
    }

    private static String canonical(String header) {
        return header.equalsIgnoreCase("content-length") ? "Content-Length" : header;
    }

    /** The uploaded object's size, or empty when nothing was uploaded under {@code key}. */
    public Optional<Long> sizeOf(String key) {
        return unlessMissing(() -> s3.headObject(b -> b.bucket(properties.bucket()).key(key)).contentLength());
    }

    /** The first {@code bytes} bytes of an uploaded object, or empty when it is missing. */
    public Optional<InputStream> openHead(String key, long bytes) {
        return unlessMissing(() -> s3.getObject(b -> b.bucket(properties.bucket()).key(key)
                .range("bytes=0-" + (bytes - 1))));
    }

    /** The whole object, streamed (a workbook's sample copies it to a temporary file). */
    public Optional<InputStream> openWhole(String key) {
        return unlessMissing(() -> s3.getObject(b -> b.bucket(properties.bucket()).key(key)));
    }

    /** S3 says "missing" two ways: NoSuchKey, or a bare 404 (HEAD has no body to name the error). */
    private static <T> Optional<T> unlessMissing(Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
