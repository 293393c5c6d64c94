package com.bulkimport.api.read;

import com.bulkimport.api.importjob.InvalidImportRequest;

import java.util.List;

/** One page of a list, newest or alphabetical first as each list says; {@code page} counts from 0. */
public record Page<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    /** Deeper pages than this are refused: offsets that large only scan (narrow the filter instead). */
    public static final int MAX_PAGE_NUMBER = 100_000;

    /**
     * Items past this many are not paged: an offset makes the database read and drop every row before it, so
     * deep pages cost the more the deeper they are. Filters narrow a list instead.
     */
    public static final int MAX_DEPTH = 10_000;

    /** The largest page of the lists no property configures: webhooks, their deliveries, API keys. */
    public static final int UNCONFIGURED_SIZE_MAX = 100;

    public static <T> Page<T> of(List<T> items, int page, int size, long total) {
        return new Page<>(items, page, size, total, (total + size - 1) / size);
    }

    /** A 400 listing what is wrong with {@code page} and {@code size}, or saying the page starts too deep. */
    public static void check(int page, int size, int maxSize) {
        if (page < 0 || page > MAX_PAGE_NUMBER || size < 1 || size > maxSize) {
            throw new InvalidImportRequest(List.of("page must be between 0 and " + MAX_PAGE_NUMBER
                    + " and size between 1 and " + maxSize + ", got page " + page + " and size " + size));
        }
        long offset = (long) page * size;
        if (offset >= MAX_DEPTH) {
            throw new InvalidImportRequest(List.of("page " + page + " of size " + size + " starts at item " + offset
                    + "; only the first " + MAX_DEPTH + " items are paged: narrow the list with its filters"));
        }
    }
}
