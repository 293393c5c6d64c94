package com.bulkimport.worker.image;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A downloaded body: in memory up to {@link #IN_MEMORY} bytes, spooled to a temporary file beyond (a product
 * photo is rarely past a few hundred KB; 64 downloads of 20 MB each must not sit on a 256 MB heap), with the
 * SHA-256 of its bytes, which names the stored image.
 */
public final class FetchedBody implements AutoCloseable {

    static final int IN_MEMORY = 1 << 20;

    private final byte[] bytes;
    private final Path file;
    private final long size;
    private final String sha256;
    private final byte[] head;

    private FetchedBody(byte[] bytes, Path file, long size, String sha256, byte[] head) {
        this.bytes = bytes;
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
        this.head = head;
    }

    /**
     * Reads {@code in} to its end.
     *
     * @throws ImageRefused when it holds more than {@code limit} bytes (reading stops there)
     */
    static FetchedBody read(InputStream in, long limit, String limitText) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        java.io.ByteArrayOutputStream memory = new java.io.ByteArrayOutputStream(16 * 1024);
        Path file = null;
        OutputStream out = memory;
        long total = 0;
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > limit) {
                    throw new ImageRefused("the image is larger than " + limitText);
                }
                digest.update(buffer, 0, n);
                if (file == null && total > IN_MEMORY) {
                    file = Files.createTempFile("image-", ".bin");
                    OutputStream spooled = Files.newOutputStream(file);
                    memory.writeTo(spooled);
                    out = spooled;
                }
                out.write(buffer, 0, n);
            }
            if (file != null) {
                out.close();
            }
        } catch (IOException | RuntimeException e) {
            if (file != null) {
                out.close();
                Files.deleteIfExists(file);
            }
            throw e;
        }
        byte[] kept = file == null ? memory.toByteArray() : null;
        byte[] head;
        if (kept != null) {
            head = Arrays.copyOf(kept, Math.min(kept.length, 512));
        } else {
            try (InputStream start = Files.newInputStream(file)) {
                head = start.readNBytes(512);
            }
        }
        return new FetchedBody(kept, file, total, HexFormat.of().formatHex(digest.digest()), head);
    }

    static FetchedBody of(byte[] bytes) {
        MessageDigest digest = newDigest();
        return new FetchedBody(bytes, null, bytes.length, HexFormat.of().formatHex(digest.digest(bytes)),
                Arrays.copyOf(bytes, Math.min(bytes.length, 512)));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first bytes (at most 512), for sniffing. */
    byte[] head() {
        return head;
    }

    long size() {
        return size;
    }

    String sha256() {
        return sha256;
    }

    ImageInputStream imageInput() {
        try {
            return file == null ? ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))
                    : ImageIO.createImageInputStream(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    InputStream open() throws IOException {
        return file == null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind is removed with the container; nothing else to do
            }
        }
    }
}
