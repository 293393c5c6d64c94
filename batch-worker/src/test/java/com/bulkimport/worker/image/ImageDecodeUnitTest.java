package com.bulkimport.worker.image;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Decoding, orientation, hashing and the stored sizes, on images the test makes (and one WebP made by cwebp). */
class ImageDecodeUnitTest {

    private static final ImageDecoder DECODER = new ImageDecoder(50_000_000L, 16_000_000L);

    private static DecodedImage decode(byte[] bytes) {
        return DECODER.decode(FetchedBody.of(bytes));
    }

    /**
     * Reference values worked out by hand from the definition (9 × 8 boxes, a bit per neighbouring pair, 1 when the
     * left box is brighter, first bit most significant), on images whose boxes are uniform.
     */
    @Test
    void hashesMatchValuesWorkedOutByHand() {
        // 9 vertical stripes of 10 px, white, black, white, …: each row 10101010, in the top half only
        BufferedImage stripes = new BufferedImage(90, 80, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 90; x++) {
                boolean white = (x / 10) % 2 == 0;
                stripes.setRGB(x, y, y < 40 ? (white ? 0xFFFFFF : 0x000000) : 0x808080);
            }
        }
        assertThat(PerceptualHash.hex(PerceptualHash.of(stripes))).isEqualTo("aaaaaaaa00000000");

        // brightness falling from left to right: every left box brighter
        BufferedImage falling = new BufferedImage(90, 80, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 90; x++) {
                int v = 250 - (x / 10) * 25;
                falling.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        assertThat(PerceptualHash.hex(PerceptualHash.of(falling))).isEqualTo("ffffffffffffffff");
        assertThat(PerceptualHash.hex(PerceptualHash.of(TestImages.resized(falling, 45, 40))))
                .isEqualTo("ffffffffffffffff");
    }

    @Test
    void theSamePhotoResizedAndRecompressedStaysWithinThreeBitsAndAnotherPhotoDoesNot() {
        BufferedImage photo = TestImages.photo(1, 640, 480);
        long original = PerceptualHash.of(decode(TestImages.jpeg(photo, 0.9f)).pixels());
        long smaller = PerceptualHash.of(decode(TestImages.jpeg(TestImages.resized(photo, 320, 240), 0.5f)).pixels());
        long other = PerceptualHash.of(decode(TestImages.jpeg(TestImages.photo(2, 640, 480), 0.9f)).pixels());

        assertThat(Long.bitCount(original ^ smaller)).isLessThanOrEqualTo(3);
        assertThat(Long.bitCount(original ^ other)).isGreaterThan(10);
    }

    @Test
    void turnsAnExifRotatedPhotoUpright() {
        // a red block in the top-left corner of a 64 × 48 white image, stored with orientation 6 (turn 90° clockwise)
        BufferedImage stored = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                stored.setRGB(x, y, x < 16 && y < 16 ? 0xFF0000 : 0xFFFFFF);
            }
        }
        DecodedImage upright = decode(TestImages.withOrientation(TestImages.jpeg(stored, 0.95f), 6));

        assertThat(upright.width()).isEqualTo(48);
        assertThat(upright.height()).isEqualTo(64);
        // turned clockwise, the top-left corner is now the top-right one
        assertThat(red(upright.pixels().getRGB(40, 8))).isTrue();
        assertThat(red(upright.pixels().getRGB(8, 8))).isFalse();
    }

    @Test
    void decodesPngGifCmykJpegAndWebp() throws IOException {
        BufferedImage photo = TestImages.photo(7, 160, 120);
        long reference = PerceptualHash.of(photo);

        assertThat(decode(TestImages.encode(photo, "png")).format()).isEqualTo(ImageFormat.PNG);
        DecodedImage gif = decode(TestImages.encode(photo, "gif"));
        assertThat(gif.format()).isEqualTo(ImageFormat.GIF);
        assertThat(gif.width()).isEqualTo(160);

        DecodedImage cmyk = decode(TestImages.cmykJpeg(solid(new Color(200, 40, 40), 32, 24)));
        assertThat(cmyk.width()).isEqualTo(32);
        assertThat(cmyk.height()).isEqualTo(24);

        byte[] webp;
        try (InputStream in = getClass().getResourceAsStream("/images/photo-7.webp")) {
            webp = in.readAllBytes();
        }
        DecodedImage decoded = decode(webp);
        assertThat(decoded.format()).isEqualTo(ImageFormat.WEBP);
        assertThat(decoded.width()).isEqualTo(160);
        assertThat(decoded.height()).isEqualTo(120);
        assertThat(Long.bitCount(PerceptualHash.of(decoded.pixels()) ^ reference)).isLessThanOrEqualTo(3);
    }

    @Test
    void storedSizesKeepTheAspectRatioAndNeverEnlarge() {
        assertThat(ImageVariants.fit(1000, 500, 800)).containsExactly(800, 400);
        assertThat(ImageVariants.fit(1000, 500, 200)).containsExactly(200, 100);
        assertThat(ImageVariants.fit(300, 900, 800)).containsExactly(267, 800);
        assertThat(ImageVariants.fit(120, 90, 800)).containsExactly(120, 90);
        BufferedImage scaled = ImageVariants.scale(TestImages.photo(4, 1000, 500), 200);
        assertThat(scaled.getWidth()).isEqualTo(200);
        assertThat(scaled.getHeight()).isEqualTo(100);
    }

    private static BufferedImage solid(Color color, int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, color.getRGB());
            }
        }
        return image;
    }

    private static boolean red(int rgb) {
        return (rgb >> 16 & 0xFF) > 200 && (rgb >> 8 & 0xFF) < 60 && (rgb & 0xFF) < 60;
    }
}
