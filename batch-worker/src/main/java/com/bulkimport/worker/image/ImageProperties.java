package com.bulkimport.worker.image;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * {@code bulkimport.images.*}: the image pipeline of product imports (README, "Product images").
 *
 * @param enabled             fetch, hash and store the images a products file names (IMAGES_ENABLED, default false;
 *                            the CDK stack turns it on);
 *                            off, image URLs are imported as text only and no row gets image points
 * @param bucket              the images bucket (IMAGES_BUCKET): one object per distinct image and size
 * @param timeout             one download as a whole, redirects included (10 s)
 * @param maxSize             the most bytes one image may have (20 MB); a longer body is cut off and refused
 * @param maxPixels           the most pixels (width × height, read from the header before decoding) of one image
 *                            (50 megapixels): a decompression bomb is refused before any pixel is allocated
 * @param maxRedirects        redirects followed per image (3), each target checked again
 * @param concurrency         downloads in flight per worker (64)
 * @param perHostConcurrency  downloads in flight per host (16), so one slow shop does not take every slot
 * @param decodeConcurrency   images decoded and resized at once (2): the CPU- and memory-heavy step
 * @param maxDecodePixels     the largest raster decoded in full (16 megapixels); a larger image is decoded
 *                            subsampled (its stored original is then smaller than the source) to bound the heap
 * @param chunkSize           how much of a products file with image columns is read per chunk (256 KB): its
 *                            images are fetched before the chunk commits, within the ingest lease
 * @param cacheEntries        URLs remembered per job (100,000): a URL shared by many rows is fetched once
 * @param allowPrivateTargets http and loopback, private or link-local targets (local stack and tests only)
 */
@ConfigurationProperties("bulkimport.images")
public record ImageProperties(Boolean enabled, String bucket, Duration timeout, DataSize maxSize, Long maxPixels,
                              Integer maxRedirects, Integer concurrency, Integer perHostConcurrency,
                              Integer decodeConcurrency, Long maxDecodePixels, DataSize chunkSize, Integer cacheEntries,
                              Boolean allowPrivateTargets) {

    public ImageProperties {
        enabled = enabled != null && enabled;
        bucket = bucket == null || bucket.isBlank() ? "bulk-import-images" : bucket;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        maxSize = maxSize == null ? DataSize.ofMegabytes(20) : maxSize;
        maxPixels = maxPixels == null ? 50_000_000L : maxPixels;
        maxRedirects = maxRedirects == null ? 3 : maxRedirects;
        concurrency = concurrency == null ? 64 : concurrency;
        perHostConcurrency = perHostConcurrency == null ? 16 : perHostConcurrency;
        decodeConcurrency = decodeConcurrency == null ? 2 : decodeConcurrency;
        maxDecodePixels = maxDecodePixels == null ? 16_000_000L : maxDecodePixels;
        chunkSize = chunkSize == null ? DataSize.ofKilobytes(256) : chunkSize;
        cacheEntries = cacheEntries == null ? 100_000 : cacheEntries;
        allowPrivateTargets = allowPrivateTargets != null && allowPrivateTargets;
        if (concurrency < 1 || perHostConcurrency < 1 || decodeConcurrency < 1 || maxRedirects < 0) {
            throw new IllegalArgumentException("bulkimport.images.concurrency, per-host-concurrency and"
                    + " decode-concurrency must be positive, max-redirects not negative");
        }
    }

    /** Defaults throughout, with private targets as given: for tests and benchmarks that build the pipeline. */
    public static ImageProperties defaults(boolean allowPrivateTargets) {
        return new ImageProperties(null, null, null, null, null, null, null, null, null, null, null, null,
                allowPrivateTargets);
    }

    public ImageProperties withTimeout(Duration value) {
        return new ImageProperties(enabled, bucket, value, maxSize, maxPixels, maxRedirects, concurrency,
                perHostConcurrency, decodeConcurrency, maxDecodePixels, chunkSize, cacheEntries, allowPrivateTargets);
    }
}
