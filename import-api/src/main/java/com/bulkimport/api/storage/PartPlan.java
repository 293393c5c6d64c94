package com.bulkimport.api.storage;

/**
 * How a file is cut into the parts of a multipart upload: every part {@code partSize} bytes but the last,
 * which holds the rest. S3 takes at most 10,000 parts of 5 MB to 5 GB each (all but the last at least 5 MB),
 * so the configured part size grows, in whole MiB, for a file that would need more parts: a 5 TB object
 * (S3's largest) gets parts of 525 MiB.
 *
 * @param partSize  bytes of every part but the last
 * @param partCount parts, numbered 1 to partCount
 */
public record PartPlan(long fileSize, long partSize, int partCount) {

    public static final int MAX_PARTS = 10_000;
    private static final long MIB = 1024 * 1024;

    public static PartPlan of(long fileSize, long configuredPartSize) {
        if (fileSize <= 0) {
            throw new IllegalArgumentException("a file to upload in parts has at least one byte");
        }
        long needed = ceilDiv(fileSize, MAX_PARTS);
        long partSize = Math.max(configuredPartSize, ceilDiv(needed, MIB) * MIB);
        return new PartPlan(fileSize, partSize, (int) ceilDiv(fileSize, partSize));
    }

    /** The exact length part {@code number} must have. */
    public long sizeOf(int number) {
        if (number < 1 || number > partCount) {
            throw new IllegalArgumentException("part " + number + " is not one of 1.." + partCount);
        }
        return number < partCount ? partSize : fileSize - partSize * (partCount - 1L);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
