package com.bulkimport.worker.image;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One image from URL to stored objects: fetch ({@link ImageFetcher}), sniff and decode ({@link ImageDecoder}), hash
 * ({@link PerceptualHash}), the three sizes ({@link ImageVariants}) and the images bucket ({@link ImageStore}).
 * Downloads run on a pool of {@code concurrency} threads, at most {@code per-host-concurrency} of them on one host;
 * decoding and encoding, the CPU- and heap-heavy part, at most {@code decode-concurrency} at once. An image already
 * in the bucket (same bytes, any job) is decoded and hashed but not encoded or written again. Nothing here throws
 * for a bad image: the outcome says why it was not taken.
 */
public final class ImagePipeline implements AutoCloseable {

    private final ImageFetcher fetcher;
    private final ImageStore store;
    private final ImageDecoder decoder;
    private final ImageProperties properties;
    private final ExecutorService downloads;
    private final Semaphore decoding;
    private final ConcurrentHashMap<String, Semaphore> hosts = new ConcurrentHashMap<>();

    ImagePipeline(ImageFetcher fetcher, ImageStore store, ImageProperties properties) {
        this.fetcher = fetcher;
        this.store = store;
        this.properties = properties;
        this.decoder = new ImageDecoder(properties.maxPixels(), properties.maxDecodePixels());
        this.decoding = new Semaphore(properties.decodeConcurrency());
        AtomicInteger threads = new AtomicInteger();
        this.downloads = Executors.newFixedThreadPool(properties.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "image-fetch-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A fresh per-job cache: each URL of the job is fetched once. */
    public JobImages forJob() {
        return new JobImages(this, properties.cacheEntries());
    }

    CompletableFuture<ImageOutcome> submit(String url) {
        return CompletableFuture.supplyAsync(() -> process(url), downloads);
    }

    ImageOutcome process(String url) {
        try {
            Semaphore host = hosts.computeIfAbsent(host(url), h -> new Semaphore(properties.perHostConcurrency()));
            FetchedBody body;
            host.acquireUninterruptibly();
            try {
                body = fetcher.fetch(url);
            } finally {
                host.release();
            }
            try (body) {
                return ImageOutcome.stored(url, storeOf(body));
            }
        } catch (ImageRefused refused) {
            return ImageOutcome.failed(url, refused.reason());
        } catch (RuntimeException e) {
            return ImageOutcome.failed(url, "the image could not be stored: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + clip(e.getMessage())));
        }
    }

    private StoredImage storeOf(FetchedBody body) {
        StoredImage stored;
        byte[] thumbnail = null;
        byte[] medium = null;
        byte[] original = null;
        decoding.acquireUninterruptibly();
        try {
            DecodedImage image = decoder.decode(body);
            stored = StoredImage.of(body.sha256(), image.width(), image.height(), PerceptualHash.of(image.pixels()));
            if (!store.has(stored)) {
                BufferedImage mediumPixels = ImageVariants.scale(image.pixels(), ImageVariants.MEDIUM);
                original = ImageVariants.jpeg(image.pixels());
                // an image within 800 px is its own medium (and within 200 px its own thumbnail): encoded once
                medium = mediumPixels == image.pixels() ? original : ImageVariants.jpeg(mediumPixels);
                BufferedImage thumbnailPixels = ImageVariants.scale(mediumPixels, ImageVariants.THUMBNAIL);
                thumbnail = thumbnailPixels == mediumPixels ? medium : ImageVariants.jpeg(thumbnailPixels);
            }
        } finally {
            decoding.release();
        }
        if (original != null) {
            store.put(stored, thumbnail, medium, original);
        }
        return stored;
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String clip(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    public String bucket() {
        return store.bucket();
    }

    @Override
    public void close() throws Exception {
        downloads.shutdownNow();
        fetcher.close();
    }
}
