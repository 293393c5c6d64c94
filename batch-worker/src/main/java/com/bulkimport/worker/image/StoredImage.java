package com.bulkimport.worker.image;

/**
 * One distinct image as stored: named by the SHA-256 of the bytes downloaded, its upright size, its perceptual hash
 * and the object keys of its three sizes in the images bucket.
 */
public record StoredImage(String sha256, int width, int height, long hash, String original, String medium,
                          String thumbnail) {

    static String key(String sha256, String size) {
        return "images/" + sha256.substring(0, 2) + "/" + sha256 + "/" + size + ".jpg";
    }

    static StoredImage of(String sha256, int width, int height, long hash) {
        return new StoredImage(sha256, width, height, hash, key(sha256, "original"), key(sha256, "medium"),
                key(sha256, "thumbnail"));
    }
}
