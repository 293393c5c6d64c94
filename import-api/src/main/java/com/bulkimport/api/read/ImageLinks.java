package com.bulkimport.api.read;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A product's stored images as the read API shows them: the images bucket is private, so each size is a presigned
 * GET link, valid {@code bulkimport.images.link-expiry} (1 h), made when the product is read (docs/architecture.md,
 * "Product images").
 */
@Component
class ImageLinks {

    /** One stored image of a product: its column, where it came from, its size and hash, and a link per stored size. */
    record ProductImage(int position, String sourceUrl, int width, int height, String hash, String originalUrl,
                        String mediumUrl, String thumbnailUrl) {
    }

    private final S3Presigner presigner;
    private final String bucket;
    private final Duration expiry;

    ImageLinks(S3Presigner presigner, @Value("${bulkimport.images.bucket:bulk-import-images}") String bucket,
               @Value("${bulkimport.images.link-expiry:1h}") Duration expiry) {
        this.presigner = presigner;
        this.bucket = bucket;
        this.expiry = expiry;
    }

    /** @param images the product's {@code images} column (null: none stored) */
    List<ProductImage> of(JsonNode images) {
        List<ProductImage> out = new ArrayList<>();
        if (images == null || !images.isArray()) {
            return out;
        }
        for (JsonNode image : images) {
            out.add(new ProductImage(image.get("position").asInt(), image.get("source_url").asString(),
                    image.get("width").asInt(), image.get("height").asInt(), image.get("hash").asString(),
                    link(image.get("original").asString()), link(image.get("medium").asString()),
                    link(image.get("thumbnail").asString())));
        }
        return out;
    }

    private String link(String key) {
        return presigner.presignGetObject(b -> b.signatureDuration(expiry)
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString();
    }
}
