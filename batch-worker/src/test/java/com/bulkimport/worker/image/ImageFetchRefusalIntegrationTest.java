package com.bulkimport.worker.image;

import com.bulkimport.support.outbound.OutboundTargets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every way an image is refused, against a real HTTP server on loopback: the download's (status, timeout, size,
 * redirects, the SSRF policy) and the content's (sniffed type, pixel count read from the header). Each refusal is an
 * {@link ImageRefused} whose reason becomes the row's {@code IMAGE_FETCH_FAILED} warning
 * ({@code ImageImportIntegrationTest} shows the row imported beside it).
 */
class ImageFetchRefusalIntegrationTest {

    private static ImageServer server;
    private static ImageFetcher fetcher;
    private static final ImageDecoder DECODER = new ImageDecoder(50_000_000L, 16_000_000L);

    @BeforeAll
    static void start() throws IOException {
        server = new ImageServer()
                .status("/missing.jpg", 404)
                .status("/broken.jpg", 500)
                .hang("/slow.jpg")
                .bytes("/page.jpg", "image/jpeg", "<!DOCTYPE html><html><body>Not found</body></html>"
                        .getBytes(StandardCharsets.UTF_8))
                .bytes("/logo.jpg", "image/jpeg", ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\""
                        + " width=\"10\" height=\"10\"/>").getBytes(StandardCharsets.UTF_8))
                .bytes("/bomb.png", "image/png", TestImages.pngHeader(30_000, 30_000))
                .stream("/huge.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, 25L * 1024 * 1024)
                .bytes("/ok.png", "image/png", TestImages.encode(TestImages.photo(3, 40, 30), "png"));
        server.redirect("/r1", server.url("/r2")).redirect("/r2", server.url("/r3"))
                .redirect("/r3", server.url("/ok.png")).redirect("/r0", server.url("/r1"));
        fetcher = new ImageFetcher(new OutboundTargets(true),
                ImageProperties.defaults(true).withTimeout(Duration.ofMillis(1000)));
    }

    @AfterAll
    static void stop() throws IOException {
        fetcher.close();
        server.close();
    }

    private static String refusal(String path) {
        try {
            try (FetchedBody body = fetcher.fetch(server.url(path))) {
                DECODER.decode(body);
            }
        } catch (ImageRefused refused) {
            return refused.reason();
        }
        throw new AssertionError(path + " was taken");
    }

    @Test
    void refusesWhatTheServerDoesNotServeAsAnImage() {
        assertThat(refusal("/missing.jpg")).isEqualTo("the server answered 404");
        assertThat(refusal("/broken.jpg")).isEqualTo("the server answered 500");
        assertThat(refusal("/slow.jpg")).isEqualTo("timed out after 1000 ms");
        assertThat(refusal("/page.jpg")).isEqualTo("the body is an HTML page, not a JPEG, PNG, WebP or GIF image");
        assertThat(refusal("/logo.jpg")).isEqualTo("the body is an SVG document, not a JPEG, PNG, WebP or GIF image");
        assertThat(refusal("/bomb.png")).isEqualTo(
                "the image is 30000 × 30000 pixels (900.0 megapixels), more than the 50 megapixels allowed");
    }

    @Test
    void refusesABodyLargerThanTwentyMegabytes() throws IOException {
        // a fetcher of its own with time enough to stream 20 MB: within the others' 1 s deadline (short, for the
        // hanging server), a busy machine timed out first
        try (ImageFetcher patient = new ImageFetcher(new OutboundTargets(true),
                ImageProperties.defaults(true).withTimeout(Duration.ofSeconds(60)))) {
            assertThatThrownBy(() -> {
                try (FetchedBody body = patient.fetch(server.url("/huge.jpg"))) {
                    DECODER.decode(body);
                }
            }).isInstanceOf(ImageRefused.class).hasMessage("the image is larger than 20 MB");
        }
    }

    @Test
    void followsThreeRedirectsAndNoMore() {
        try (FetchedBody body = fetcher.fetch(server.url("/r1"))) {
            assertThat(DECODER.decode(body).width()).isEqualTo(40);
        }
        assertThat(refusal("/r0")).isEqualTo("more than 3 redirects");
    }

    @Test
    void withoutPrivateTargetsRefusesLoopbackAndTheMetadataServiceBeforeConnecting() throws IOException {
        try (ImageFetcher strict = new ImageFetcher(new OutboundTargets(false), ImageProperties.defaults(false))) {
            String loopback = "https://127.0.0.1:" + server.url("").replaceAll(".*:", "") + "/ok.png";
            assertThatThrownBy(() -> strict.fetch(loopback)).isInstanceOf(ImageRefused.class).hasMessage(
                    "target refused: the host 127.0.0.1 resolves to 127.0.0.1, loopback: private targets are not allowed");
            assertThatThrownBy(() -> strict.fetch("https://169.254.169.254/latest/meta-data/")).hasMessage(
                    "target refused: the host 169.254.169.254 resolves to 169.254.169.254, link-local (the cloud"
                            + " metadata service lives there): private targets are not allowed");
            assertThatThrownBy(() -> strict.fetch(server.url("/ok.png")))
                    .hasMessage("target refused: only https URLs are accepted");
            assertThatThrownBy(() -> strict.fetch("ftp://example.com/a.jpg"))
                    .hasMessage("target refused: the URL must start with https://");
        }
        assertThat(server.hits("/ok.png")).as("no refused request reached the server").isLessThanOrEqualTo(1);
    }
}
