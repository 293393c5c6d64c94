package com.bulkimport.worker.image;

/** What became of one URL: the image stored, or why not. */
public record ImageOutcome(String url, StoredImage image, String failure) {

    static ImageOutcome stored(String url, StoredImage image) {
        return new ImageOutcome(url, image, null);
    }

    static ImageOutcome failed(String url, String reason) {
        return new ImageOutcome(url, null, reason);
    }

    public boolean ok() {
        return image != null;
    }
}
