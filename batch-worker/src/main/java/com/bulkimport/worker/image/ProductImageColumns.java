package com.bulkimport.worker.image;

import com.bulkimport.engine.staging.RowWarning;
import com.bulkimport.engine.staging.StagedExtras;
import com.bulkimport.model.csv.CsvInput;
import com.bulkimport.model.spec.ColumnMapping;
import com.bulkimport.model.spec.FieldProblem;
import com.bulkimport.model.spec.KindSpec;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A staged product's {@code image_hash} and {@code images} (docs/architecture.md, "Product images"): each
 * {@code image_url_N} of the row fetched through the job's {@link JobImages}, the stored ones listed in column order,
 * the first one's perceptual hash the row's hash (what the match cascade uses); each image that failed a row warning
 * {@code IMAGE_FETCH_FAILED} with its reason, never a refusal of the row. It counts the chunk's images for the job.
 */
public final class ProductImageColumns implements StagedExtras {

    public static final String CODE = "IMAGE_FETCH_FAILED";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SLOTS = 10;

    private final JobImages images;
    private final int[] fieldIndex = new int[SLOTS];
    private final int[] fileColumn = new int[SLOTS];
    private long total;
    private long done;
    private long failed;
    private java.util.concurrent.CompletableFuture<Void> prefetched = java.util.concurrent.CompletableFuture.completedFuture(null);

    public ProductImageColumns(JobImages images, KindSpec spec, ColumnMapping mapping) {
        this.images = images;
        for (int i = 0; i < SLOTS; i++) {
            fieldIndex[i] = spec.indexOf("image_url_" + (i + 1));
            fileColumn[i] = fieldIndex[i] < 0 ? -1 : mapping.columnOfField()[fieldIndex[i]];
        }
    }

    /** Starts fetching the images a chunk names (the raw cells; a row that fails validation costs a fetch, no more). */
    public void prefetch(List<CsvInput.Row> rows) {
        Set<String> urls = new LinkedHashSet<>();
        for (CsvInput.Row row : rows) {
            for (int column : fileColumn) {
                if (column >= 0 && column < row.fields().size()) {
                    String url = row.fields().get(column).strip();
                    if (!url.isEmpty()) {
                        urls.add(url);
                    }
                }
            }
        }
        prefetched = images.prefetch(urls);
    }

    /** Whether the last {@link #prefetch}'s images are all in, waiting at most {@code wait}. */
    public boolean awaitPrefetched(java.time.Duration wait) {
        try {
            prefetched.get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while images download", e);
        } catch (java.util.concurrent.ExecutionException e) {
            // an outcome never fails (a failed image is an outcome): nothing to wait for any more
            return true;
        }
    }

    @Override
    public List<String> columns() {
        return List.of("image_hash", "images");
    }

    @Override
    public List<RowWarning> fill(String[] values, String[] out) {
        List<Map<String, Object>> stored = new ArrayList<>(2);
        List<RowWarning> warnings = List.of();
        String hash = null;
        for (int i = 0; i < SLOTS; i++) {
            String url = fieldIndex[i] < 0 ? null : values[fieldIndex[i]];
            if (url == null) {
                continue;
            }
            total++;
            ImageOutcome outcome = images.get(url);
            if (outcome.ok()) {
                done++;
                StoredImage image = outcome.image();
                if (hash == null) {
                    hash = PerceptualHash.hex(image.hash());
                }
                stored.add(entry(i + 1, url, image));
            } else {
                failed++;
                if (warnings.isEmpty()) {
                    warnings = new ArrayList<>(1);
                }
                // the URL in full beside the warning: what a retry of the job's failed images fetches again
                warnings.add(new RowWarning(new FieldProblem("image_url_" + (i + 1), CODE, message(url,
                        outcome.failure())), url));
            }
        }
        out[0] = hash;
        out[1] = stored.isEmpty() ? null : JSON.writeValueAsString(stored);
        return warnings;
    }

    /** One stored image as {@code products.images} lists it (the retry of failed images writes the same). */
    static Map<String, Object> entry(int position, String url, StoredImage image) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("position", position);
        entry.put("source_url", url);
        entry.put("sha256", image.sha256());
        entry.put("width", image.width());
        entry.put("height", image.height());
        entry.put("hash", PerceptualHash.hex(image.hash()));
        entry.put("original", image.original());
        entry.put("medium", image.medium());
        entry.put("thumbnail", image.thumbnail());
        return entry;
    }

    /** The warning's message for an image that failed. */
    static String message(String url, String failure) {
        return "image " + clip(url) + " was not imported: " + failure;
    }

    private static String clip(String url) {
        return url.length() > 300 ? url.substring(0, 300) + "…" : url;
    }

    /** The images counted since the last call: {total, done, failed}. */
    public long[] takeCounts() {
        long[] counts = {total, done, failed};
        total = 0;
        done = 0;
        failed = 0;
        return counts;
    }
}
