package com.bulkimport.worker.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;

/**
 * Sniffs and decodes a downloaded body. The size is read from the header first and an image above
 * {@code max-pixels} refused before a single pixel is allocated (a 30,000 × 30,000 PNG of a few KB would take
 * 3.6 GB decoded); an image above {@code max-decode-pixels} is decoded subsampled, so no decode takes more than
 * about 64 MB of heap. The result is RGB on white (transparency flattened, CMYK and palettes converted by the
 * readers, TwelveMonkeys' for JPEG and WebP), turned upright by its EXIF orientation; no metadata is kept (what is
 * stored is re-encoded from the pixels alone).
 */
final class ImageDecoder {

    private final long maxPixels;
    private final long maxDecodePixels;

    ImageDecoder(long maxPixels, long maxDecodePixels) {
        this.maxPixels = maxPixels;
        this.maxDecodePixels = maxDecodePixels;
    }

    /** @throws ImageRefused when the body is no image taken, too large, or cannot be decoded */
    DecodedImage decode(FetchedBody body) {
        ImageFormat format = ImageFormat.sniff(body.head());
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerName());
        if (!readers.hasNext()) {
            throw new ImageRefused("no decoder for " + format.name().toLowerCase(Locale.ROOT) + " images");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream input = body.imageInput()) {
            // metadata ignored: EXIF, ICC comments, XMP and the like never reach what is stored
            reader.setInput(input, true, true);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new ImageRefused("the image has no pixels");
            }
            if (width * height > maxPixels) {
                throw new ImageRefused(String.format(Locale.ROOT,
                        "the image is %d × %d pixels (%.1f megapixels), more than the %.0f megapixels allowed",
                        width, height, width * height / 1e6, maxPixels / 1e6));
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = subsampling(width * height);
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage read = reader.read(0, param);
            BufferedImage rgb = flatten(read);
            if (format == ImageFormat.JPEG) {
                try (InputStream raw = body.open()) {
                    rgb = ExifOrientation.apply(rgb, ExifOrientation.read(raw));
                }
            }
            return new DecodedImage(rgb, format);
        } catch (ImageRefused refused) {
            throw refused;
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ImageRefused("the " + format.name().toLowerCase(Locale.ROOT) + " image cannot be decoded: "
                    + (message.length() > 200 ? message.substring(0, 200) + "…" : message));
        } finally {
            reader.dispose();
        }
    }

    /** The smallest whole step that brings the decoded raster within {@code max-decode-pixels}. */
    private int subsampling(long pixels) {
        int step = 1;
        while (pixels / ((long) step * step) > maxDecodePixels) {
            step++;
        }
        return step;
    }

    private static BufferedImage flatten(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
