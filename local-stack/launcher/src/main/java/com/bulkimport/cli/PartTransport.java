package com.bulkimport.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * How one part of a multipart upload reaches its presigned URL: the seam between the CLI's upload loop and the
 * network (the resume tests wrap the HTTP one to see, and cut, what is sent).
 */
public interface PartTransport {

    /**
     * PUTs {@code length} bytes of {@code file} from {@code offset}, sending the signed {@code headers}
     * (Content-Length is set from the length).
     *
     * @param sent told of every chunk of bytes as it is read for sending
     * @return the part's ETag, as storage answered
     * @throws IOException when the part did not arrive (a network failure, or storage refused it)
     */
    String put(int partNumber, String url, Map<String, String> headers, Path file, long offset, long length,
               LongConsumer sent) throws IOException, InterruptedException;

    /** Straight to storage with Java's HTTP client, streaming the part from the file (never whole in memory). */
    static PartTransport http() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return (partNumber, url, headers, file, offset, length, sent) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> slice(file, offset, length, sent)), length));
            headers.forEach((name, value) -> {
                if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("host")) {
                    request.header(name, value);
                }
            });
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException("storage refused part " + partNumber + " (HTTP " + response.statusCode() + ")"
                        + (response.statusCode() == 403 ? ": its URL may have expired" : ""));
            }
            return response.headers().firstValue("ETag")
                    .orElseThrow(() -> new IOException("storage answered part " + partNumber + " without an ETag"));
        };
    }

    private static InputStream slice(Path file, long offset, long length, LongConsumer sent) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(offset);
            return new FilterInputStream(Channels.newInputStream(channel)) {
                private long left = length;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(b, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                        sent.accept(n);
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
