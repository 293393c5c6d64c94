package com.bulkimport.worker.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The three stored sizes of an image, each a JPEG: the original (re-encoded at its own size, which drops every
 * byte of metadata the source had), medium (800 px on the long side) and thumbnail (200 px), aspect ratio kept
 * (the short side rounded to the nearest pixel, at least 1). An image already smaller is never enlarged: its medium
 * or thumbnail has its own size. Downscaling halves in bilinear steps first, which averages like a box filter
 * without the cost of one, then takes the last step to the exact size.
 */
final class ImageVariants {

    static final int MEDIUM = 800;
    static final int THUMBNAIL = 200;
    private static final float QUALITY = 0.85f;

    private ImageVariants() {
    }

    /** The size an image of {@code w × h} takes with {@code longSide} on its long side (never larger). */
    static int[] fit(int w, int h, int longSide) {
        if (Math.max(w, h) <= longSide) {
            return new int[] {w, h};
        }
        if (w >= h) {
            return new int[] {longSide, Math.max(1, (int) Math.round((double) h * longSide / w))};
        }
        return new int[] {Math.max(1, (int) Math.round((double) w * longSide / h)), longSide};
    }

    static BufferedImage scale(BufferedImage image, int longSide) {
        int[] target = fit(image.getWidth(), image.getHeight(), longSide);
        BufferedImage current = image;
        while (current.getWidth() / 2 >= target[0] && current.getHeight() / 2 >= target[1]) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        if (current.getWidth() != target[0] || current.getHeight() != target[1]) {
            current = draw(current, target[0], target[1]);
        }
        return current;
    }

    private static BufferedImage draw(BufferedImage source, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
