package com.bulkimport.worker.image;

import java.awt.image.BufferedImage;

/** An image decoded upright, as RGB on white, with the format its bytes had. */
record DecodedImage(BufferedImage pixels, ImageFormat format) {

    int width() {
        return pixels.getWidth();
    }

    int height() {
        return pixels.getHeight();
    }
}
