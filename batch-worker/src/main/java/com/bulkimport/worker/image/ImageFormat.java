package com.bulkimport.worker.image;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a body is, by its first bytes (never by its name or Content-Type, which a server may get wrong or lie
 * about): JPEG, PNG, GIF or WebP, the formats taken; anything else refused, naming HTML and SVG.
 */
enum ImageFormat {
    JPEG("jpeg"), PNG("png"), GIF("gif"), WEBP("webp");

    private final String readerName;

    ImageFormat(String readerName) {
        this.readerName = readerName;
    }

    String readerName() {
        return readerName;
    }

    /** @throws ImageRefused when the bytes are none of the four formats */
    static ImageFormat sniff(byte[] head) {
        if (starts(head, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (starts(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (starts(head, 'G', 'I', 'F', '8') && head.length > 5 && (head[4] == '7' || head[4] == '9') && head[5] == 'a') {
            return GIF;
        }
        if (starts(head, 'R', 'I', 'F', 'F') && head.length >= 12 && head[8] == 'W' && head[9] == 'E' && head[10] == 'B'
                && head[11] == 'P') {
            return WEBP;
        }
        String text = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (text.contains("<svg")) {
            throw new ImageRefused("the body is an SVG document, not a JPEG, PNG, WebP or GIF image");
        }
        if (text.contains("<html") || text.contains("<!doctype html") || text.contains("<head") || text.contains("<body")) {
            throw new ImageRefused("the body is an HTML page, not a JPEG, PNG, WebP or GIF image");
        }
        throw new ImageRefused("the body is not a JPEG, PNG, WebP or GIF image");
    }

    private static boolean starts(byte[] head, int... expected) {
        if (head.length < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
