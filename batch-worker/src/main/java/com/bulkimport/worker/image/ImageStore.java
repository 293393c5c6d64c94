package com.bulkimport.worker.image;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The images bucket, content-addressed: an image's objects are named by the SHA-256 of its downloaded bytes, so
 * however many products and jobs use one image it is stored once. The original is written last and looked for
 * first: when it is there, so are the other two sizes, and nothing is written again.
 */
final class ImageStore {

    private final S3Client s3;
    private final String bucket;

    ImageStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    boolean has(StoredImage image) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(image.original()));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    void put(StoredImage image, byte[] thumbnail, byte[] medium, byte[] original) {
        put(image.thumbnail(), thumbnail);
        put(image.medium(), medium);
        put(image.original(), original);
    }

    private void put(String key, byte[] jpeg) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("image/jpeg")
                .cacheControl("public, max-age=31536000, immutable"), RequestBody.fromBytes(jpeg));
    }

    String bucket() {
        return bucket;
    }
}
