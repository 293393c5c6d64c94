package com.bulkimport.worker.image;

/** An image that is not taken, with the reason the row's {@code IMAGE_FETCH_FAILED} warning gives. */
public final class ImageRefused extends RuntimeException {

    public ImageRefused(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
