package com.bulkimport.worker.image;

import com.bulkimport.support.outbound.ForbiddenAddresses;
import com.bulkimport.support.outbound.OutboundTargets;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Private targets off, as on a deployment: a redirect from an allowed host to loopback or to the metadata service is
 * refused at the redirect, before any connection to it. The allowed first hop is a real HTTPS server (a certificate
 * made by keytool for {@code images.test}) reached at one of this machine's addresses the policy allows; a machine
 * without such an address (only loopback and private ones) skips the test.
 */
class StrictRedirectIntegrationTest {

    @Test
    void aRedirectToLoopbackOrTheMetadataServiceIsRefusedAtTheRedirect() throws Exception {
        Optional<InetAddress> allowed = allowedLocalAddress();
        assumeTrue(allowed.isPresent(), "no local address the SSRF policy allows");
        Path dir = Files.createTempDirectory("tls-");
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=images.test",
                "-ext", "SAN=dns:images.test", "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trust.getTrustManagers(), null);

        HttpsServer server = HttpsServer.create(new InetSocketAddress(allowed.get(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        int port = server.getAddress().getPort();
        byte[] png = TestImages.encode(TestImages.photo(5, 20, 10), "png");
        server.createContext("/ok.png", exchange -> {
            try (exchange; OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(200, png.length);
                out.write(png);
            }
        });
        server.createContext("/to-loopback", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Location", "https://127.0.0.1:" + port + "/ok.png");
                exchange.sendResponseHeaders(302, -1);
            }
        });
        server.createContext("/to-metadata", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Location", "https://169.254.169.254/latest/meta-data/");
                exchange.sendResponseHeaders(302, -1);
            }
        });
        server.start();
        OutboundTargets strict = new OutboundTargets(false, host -> "images.test".equals(host)
                ? new InetAddress[] {InetAddress.getByAddress("images.test", allowed.get().getAddress())}
                : InetAddress.getAllByName(host));
        try (ImageFetcher fetcher = new ImageFetcher(strict, ImageProperties.defaults(false), clientTls)) {
            String origin = "https://images.test:" + port;
            try (FetchedBody body = fetcher.fetch(origin + "/ok.png")) {
                assertThat(body.size()).as("the allowed host itself is fetched").isEqualTo(png.length);
            }
            assertThatThrownBy(() -> fetcher.fetch(origin + "/to-loopback")).isInstanceOf(ImageRefused.class)
                    .hasMessage("target refused: the host 127.0.0.1 resolves to 127.0.0.1, loopback:"
                            + " private targets are not allowed");
            assertThatThrownBy(() -> fetcher.fetch(origin + "/to-metadata")).isInstanceOf(ImageRefused.class)
                    .hasMessage("target refused: the host 169.254.169.254 resolves to 169.254.169.254, link-local (the"
                            + " cloud metadata service lives there): private targets are not allowed");
        } finally {
            server.stop(0);
        }
    }

    private static Optional<InetAddress> allowedLocalAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && ForbiddenAddresses.reason(address).isEmpty()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
