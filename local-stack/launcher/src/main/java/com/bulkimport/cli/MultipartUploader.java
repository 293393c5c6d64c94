package com.bulkimport.cli;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uploads the parts a multipart upload still lacks, {@link #THREADS} at a time, each tried {@link #ATTEMPTS}
 * times (with a fresh URL after a failure: an expired one is the usual cause), then completes it. Part URLs are
 * asked for in batches as they are needed. A part that fails every attempt fails the run after the parts in
 * flight have finished, so the next run (a resume) has as little as possible left to send.
 */
final class MultipartUploader {

    static final int THREADS = 4;
    static final int ATTEMPTS = 3;
    /** The most part URLs the API signs per request. */
    private static final int URL_BATCH = 100;

    private final ApiClient api;
    private final PartTransport transport;
    private final ProgressBar bar;
    private final long backoffMillis;

    MultipartUploader(ApiClient api, PartTransport transport, ProgressBar bar, long backoffMillis) {
        this.api = api;
        this.transport = transport;
        this.bar = bar;
        this.backoffMillis = backoffMillis;
    }

    /** A multipart upload as the API describes it. */
    record Plan(String jobId, long fileSize, long partSize, int partCount) {
        long offsetOf(int part) {
            return (part - 1) * partSize;
        }

        long sizeOf(int part) {
            return part < partCount ? partSize : fileSize - partSize * (partCount - 1L);
        }
    }

    /**
     * Sends every part not in {@code stored}, then completes the upload with every part's ETag.
     *
     * @param stored ETags of the parts storage already holds (a resume), by part number
     * @param urls   part URLs already at hand (the create's first ones), by part number
     */
    void upload(Plan plan, Path file, Map<Integer, String> stored, Map<Integer, JsonNode> urls)
            throws InterruptedException {
        Map<Integer, String> etags = new ConcurrentHashMap<>(stored);
        Map<Integer, JsonNode> known = new ConcurrentHashMap<>(urls);
        List<Integer> todo = new ArrayList<>();
        long already = 0;
        for (int n = 1; n <= plan.partCount(); n++) {
            if (stored.containsKey(n)) {
                already += plan.sizeOf(n);
            } else {
                todo.add(n);
            }
        }
        AtomicLong sent = new AtomicLong(already);
        AtomicInteger done = new AtomicInteger(stored.size());
        ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "upload-progress"));
        printer.scheduleAtFixedRate(() -> bar.showUpload(sent.get(), plan.fileSize(), done.get(), plan.partCount()),
                0, 250, TimeUnit.MILLISECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> daemon(r, "upload-part"));
        Map<Integer, String> failures = new TreeMap<>();
        try {
            Map<Integer, Future<?>> running = new LinkedHashMap<>();
            for (int part : todo) {
                running.put(part, pool.submit(() -> {
                    etags.put(part, sendPart(plan, file, part, todo, known, sent));
                    done.incrementAndGet();
                    return null;
                }));
            }
            for (Map.Entry<Integer, Future<?>> task : running.entrySet()) {
                try {
                    task.getValue().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.put(task.getKey(), e.getCause().getMessage());
                }
            }
        } finally {
            pool.shutdownNow();
            printer.shutdownNow();
            printer.awaitTermination(5, TimeUnit.SECONDS);
        }
        bar.showUpload(sent.get(), plan.fileSize(), done.get(), plan.partCount());
        bar.finish();
        if (!failures.isEmpty()) {
            Map.Entry<Integer, String> first = failures.entrySet().iterator().next();
            throw new ApiError(failures.size() + " of " + plan.partCount() + " parts did not arrive after " + ATTEMPTS
                    + " attempts each (part " + first.getKey() + ": " + first.getValue() + "); the "
                    + (plan.partCount() - failures.size()) + " others are stored: run the same command again, or"
                    + " add --resume " + plan.jobId() + ", to send only what is missing");
        }
        List<Map<String, Object>> parts = new ArrayList<>();
        new TreeMap<>(etags).forEach((n, etag) -> parts.add(Map.of("part_number", n, "etag", etag)));
        api.post("/api/imports/" + plan.jobId() + "/upload/complete", Map.of("parts", parts));
    }

    private String sendPart(Plan plan, Path file, int part, List<Integer> todo, Map<Integer, JsonNode> known,
                            AtomicLong sent) throws InterruptedException, IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                Thread.sleep(backoffMillis * (1L << (attempt - 2)));
            }
            JsonNode url = urlOf(plan, part, todo, known);
            Map<String, String> headers = new LinkedHashMap<>();
            url.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
            AtomicLong thisTry = new AtomicLong();
            try {
                return transport.put(part, url.path("url").asString(), headers, file, plan.offsetOf(part),
                        plan.sizeOf(part), n -> {
                            thisTry.addAndGet(n);
                            sent.addAndGet(n);
                        });
            } catch (IOException | RuntimeException e) {
                sent.addAndGet(-thisTry.get());
                known.remove(part); // a fresh URL for the next attempt
                last = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
        }
        throw last;
    }

    /** The part's URL; when missing, the next {@link #URL_BATCH} parts without one are signed in one request. */
    private JsonNode urlOf(Plan plan, int part, List<Integer> todo, Map<Integer, JsonNode> known) {
        JsonNode url = known.get(part);
        if (url != null) {
            return url;
        }
        synchronized (known) {
            if (known.containsKey(part)) {
                return known.get(part);
            }
            List<Integer> batch = new ArrayList<>(List.of(part));
            for (int n : todo.subList(todo.indexOf(part) + 1, todo.size())) {
                if (batch.size() == URL_BATCH) {
                    break;
                }
                if (!known.containsKey(n)) {
                    batch.add(n);
                }
            }
            JsonNode answer = api.post("/api/imports/" + plan.jobId() + "/upload/parts", Map.of("part_numbers", batch));
            answer.path("parts").forEach(p -> known.put(p.path("part_number").asInt(), p));
            return known.get(part);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
