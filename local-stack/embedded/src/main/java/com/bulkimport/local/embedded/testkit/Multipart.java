package com.bulkimport.local.embedded.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/** A multipart/form-data body built by hand, so tests can also build the broken ones a browser never sends. */
public final class Multipart {

    private final String boundary = "----bulk-import-test-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    public static Multipart form() {
        return new Multipart();
    }

    public Multipart field(String name, String value) {
        part("Content-Disposition: form-data; name=\"" + name + "\"\r\n", value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public Multipart file(String name, String fileName, byte[] content) {
        part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/csv\r\n", content);
        return this;
    }

    private void part(String headers, byte[] content) {
        body.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The whole body, closing delimiter included. */
    public byte[] bytes() {
        byte[] parts = body.toByteArray();
        byte[] end = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(parts, parts.length + end.length);
        System.arraycopy(end, 0, all, parts.length, end.length);
        return all;
    }
}
