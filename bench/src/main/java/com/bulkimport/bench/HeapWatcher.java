package com.bulkimport.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker's heap while a benchmark runs, read from its GC log ({@code -Xlog:gc}, {@link BenchStack}) rather than
 * asked of its Actuator: each collection logs the heap used before and after it ({@code Pause Young (...)
 * 150M->40M(247M)}), at no cost to the worker. The heap peaks just before a collection, so the largest "before" is
 * the most it held; what a full collection leaves is what was live. Only the collections logged after this watcher
 * was made count.
 */
final class HeapWatcher implements AutoCloseable {

    private static final Pattern COLLECTION =
            Pattern.compile("GC\\(\\d+\\) Pause (\\w+).*? (\\d+)([KMG])->(\\d+)([KMG])\\(");

    private final Path log;
    private final long from;

    HeapWatcher(Path gcLog) {
        this.log = gcLog;
        this.from = gcLog.toFile().length();
    }

    /** The most heap the worker held (just before a collection), in MB. */
    double maxUsedMb() {
        return read().maxBefore;
    }

    /**
     * The most heap a full collection left (what was live), in MB; with no full collection in the run, the most any
     * collection left, which is at most that much more than live.
     */
    double maxLiveMb() {
        Heap heap = read();
        return heap.fullCollections > 0 ? heap.maxAfterFull : heap.maxAfter;
    }

    /** Full collections in the run: with none, {@link #maxLiveMb()} is an upper bound. */
    int fullCollections() {
        return read().fullCollections;
    }

    private record Heap(double maxBefore, double maxAfter, double maxAfterFull, int fullCollections) {
    }

    private Heap read() {
        double maxBefore = 0;
        double maxAfter = 0;
        double maxAfterFull = 0;
        int full = 0;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(Math.min(from, file.length()));
            byte[] rest = new byte[(int) (file.length() - file.getFilePointer())];
            file.readFully(rest);
            Matcher m = COLLECTION.matcher(new String(rest, StandardCharsets.UTF_8));
            while (m.find()) {
                double before = mb(m.group(2), m.group(3));
                double after = mb(m.group(4), m.group(5));
                maxBefore = Math.max(maxBefore, before);
                maxAfter = Math.max(maxAfter, after);
                if (m.group(1).equals("Full")) {
                    full++;
                    maxAfterFull = Math.max(maxAfterFull, after);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Heap(maxBefore, maxAfter, maxAfterFull, full);
    }

    private static double mb(String amount, String unit) {
        double value = Double.parseDouble(amount);
        return switch (unit) {
            case "K" -> value / 1024;
            case "G" -> value * 1024;
            default -> value;
        };
    }

    @Override
    public void close() {
        // nothing held: the log is read when asked
    }
}
