package com.bulkimport.worker.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * A 64-bit difference hash (dHash) of an image: its luminance (0.299 R + 0.587 G + 0.114 B) averaged over a
 * grid of 9 columns × 8 rows of equal boxes (box {@code c} spans columns {@code floor(c·w/9)} up to
 * {@code floor((c+1)·w/9)}, likewise rows), then, row by row from the top and left to right, one bit per pair of
 * neighbouring boxes: 1 when the left one is brighter. The first bit is the most significant. Box averages make
 * it stable under resizing and recompression: the same photo at another size or JPEG quality lands within a few
 * bits (docs/architecture.md, "Matching and duplicates": ≤ 3 bits match).
 */
public final class PerceptualHash {

    private PerceptualHash() {
    }

    /** @param image TYPE_INT_RGB, at least 1 × 1 */
    public static long of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getType() == BufferedImage.TYPE_INT_RGB
                && image.getRaster().getDataBuffer() instanceof DataBufferInt ints ? ints.getData() : null;
        double[][] boxes = new double[8][9];
        for (int row = 0; row < 8; row++) {
            int y0 = row * h / 8;
            int y1 = Math.max(y0 + 1, (row + 1) * h / 8);
            for (int col = 0; col < 9; col++) {
                int x0 = col * w / 9;
                int x1 = Math.max(x0 + 1, (col + 1) * w / 9);
                double sum = 0;
                for (int y = y0; y < y1 && y < h; y++) {
                    for (int x = x0; x < x1 && x < w; x++) {
                        int rgb = pixels != null ? pixels[y * w + x] : image.getRGB(x, y);
                        sum += 0.299 * (rgb >> 16 & 0xFF) + 0.587 * (rgb >> 8 & 0xFF) + 0.114 * (rgb & 0xFF);
                    }
                }
                boxes[row][col] = sum / ((double) (Math.min(y1, h) - y0) * (Math.min(x1, w) - x0));
            }
        }
        long hash = 0;
        for (int row = 0; row < 8; row++) {
            for (int col = 0; col < 8; col++) {
                hash = hash << 1 | (boxes[row][col] > boxes[row][col + 1] ? 1 : 0);
            }
        }
        return hash;
    }

    /** The hash as stored: 16 lower-case hex digits. */
    public static String hex(long hash) {
        return String.format("%016x", hash);
    }
}
