package com.bulkimport.worker.image;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One job's images by URL: a URL named by many rows is fetched once per job (the first asks, the others wait for
 * the same outcome). Bounded to the {@code cache-entries} most recently used URLs, so a file of millions of distinct
 * URLs does not keep them all; one evicted and met again is fetched again (and found in the bucket).
 */
public final class JobImages {

    private final ImagePipeline pipeline;
    private final Map<String, CompletableFuture<ImageOutcome>> byUrl;

    JobImages(ImagePipeline pipeline, int entries) {
        this.pipeline = pipeline;
        this.byUrl = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<ImageOutcome>> eldest) {
                return size() > entries;
            }
        };
    }

    /** Starts the downloads of {@code urls} not asked for yet; returns at once, with a future that ends with all of them. */
    public CompletableFuture<Void> prefetch(Collection<String> urls) {
        return CompletableFuture.allOf(urls.stream().map(this::future).toArray(CompletableFuture[]::new));
    }

    /** The outcome of {@code url}, waiting for its download (started now if nobody asked before). */
    public ImageOutcome get(String url) {
        return future(url).join();
    }

    private synchronized CompletableFuture<ImageOutcome> future(String url) {
        return byUrl.computeIfAbsent(url, pipeline::submit);
    }
}
