package com.bulkimport.relay.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/** Cuts messages into calls that respect a service's per-call limits, keeping their order. */
final class Chunks {

    private Chunks() {
    }

    /**
     * @param items    each at most {@code maxBytes} by {@code size} (larger ones must be refused before)
     * @param maxItems entries per call
     * @param maxBytes bytes per call
     */
    static <T> List<List<T>> split(List<T> items, ToIntFunction<T> size, int maxItems, int maxBytes) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> chunk = new ArrayList<>(maxItems);
        int bytes = 0;
        for (T item : items) {
            int itemBytes = size.applyAsInt(item);
            if (itemBytes > maxBytes) {
                throw new IllegalArgumentException("an item of " + itemBytes + " bytes cannot fit a call of " + maxBytes);
            }
            if (chunk.size() == maxItems || bytes + itemBytes > maxBytes) {
                chunks.add(chunk);
                chunk = new ArrayList<>(maxItems);
                bytes = 0;
            }
            chunk.add(item);
            bytes += itemBytes;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }
}
