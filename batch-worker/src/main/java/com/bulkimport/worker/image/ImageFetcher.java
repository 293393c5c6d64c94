package com.bulkimport.worker.image;

import com.bulkimport.support.outbound.OutboundTargets;
import com.bulkimport.support.outbound.TargetRefused;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.net.InetAddressUtils;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Downloads one image under the SSRF policy ({@link OutboundTargets}): http(s) only; the client's resolver is the
 * policy's ({@link OutboundTargets#dnsResolver()}), so every connection goes to an address just checked, with the
 * Host header and SNI of the URL; an IP literal is checked before the request. Redirects are followed by hand, at
 * most {@code max-redirects}, each target parsed and checked like the first. The whole download, redirects
 * included, is bounded by {@code timeout} (a timer cancels it, so a server trickling bytes cannot outlast it), and
 * the body by {@code max-size}: a Content-Length above it is refused unread, a longer body cut off.
 */
public final class ImageFetcher implements AutoCloseable {

    private static final String USER_AGENT = "bulk-import-images/1.0";

    private final OutboundTargets targets;
    private final CloseableHttpClient client;
    private final PoolingHttpClientConnectionManager connections;
    private final ScheduledExecutorService deadlines;
    private final Duration timeout;
    private final long maxBytes;
    private final String maxText;
    private final int maxRedirects;

    public ImageFetcher(OutboundTargets targets, ImageProperties properties) {
        this(targets, properties, null);
    }

    /** @param tls the TLS context (null: the JDK's default trust); a test's own certificate authority */
    ImageFetcher(OutboundTargets targets, ImageProperties properties, javax.net.ssl.SSLContext tls) {
        this.targets = targets;
        this.timeout = properties.timeout();
        this.maxBytes = properties.maxSize().toBytes();
        this.maxText = properties.maxSize().toMegabytes() + " MB";
        this.maxRedirects = properties.maxRedirects();
        Timeout limit = Timeout.of(timeout);
        PoolingHttpClientConnectionManagerBuilder builder = PoolingHttpClientConnectionManagerBuilder.create();
        if (tls != null) {
            builder.setTlsSocketStrategy(org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder.create()
                    .setSslContext(tls).buildClassic());
        }
        this.connections = builder
                .setDnsResolver(targets.dnsResolver())
                .setMaxConnTotal(properties.concurrency())
                .setMaxConnPerRoute(properties.perHostConcurrency())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit)
                        .setTimeToLive(Timeout.ofMinutes(5)).build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit)
                        .setConnectionRequestTimeout(limit).setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(USER_AGENT)
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "image-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @throws ImageRefused with the reason: the policy, the server's status, a timeout, the size
     */
    public FetchedBody fetch(String url) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = checked(url);
        for (int redirects = 0; ; redirects++) {
            HttpGet get = new HttpGet(uri);
            AtomicBoolean timedOut = new AtomicBoolean();
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            ScheduledFuture<?> timer = deadlines.schedule(() -> {
                timedOut.set(true);
                get.cancel();
            }, left, TimeUnit.MILLISECONDS);
            ClassicHttpResponse response = null;
            try {
                response = client.executeOpen(null, get, null);
                int status = response.getCode();
                if (status >= 300 && status < 400 && status != 304) {
                    Header location = response.getFirstHeader("Location");
                    if (location == null) {
                        throw new ImageRefused("the server answered " + status + " without a Location");
                    }
                    if (redirects >= maxRedirects) {
                        throw new ImageRefused("more than " + maxRedirects + " redirects");
                    }
                    get.cancel();
                    uri = checked(resolve(uri, location.getValue()));
                    continue;
                }
                if (status != 200) {
                    throw new ImageRefused("the server answered " + status);
                }
                return body(get, response.getEntity());
            } catch (ImageRefused refused) {
                throw refused;
            } catch (IOException | RuntimeException e) {
                if (timedOut.get() || timeout(e)) {
                    throw new ImageRefused("timed out after " + timeout.toMillis() + " ms");
                }
                throw new ImageRefused(failure(e));
            } finally {
                timer.cancel(false);
                closeQuietly(response);
            }
        }
    }

    private FetchedBody body(HttpGet get, HttpEntity entity) throws IOException {
        if (entity == null) {
            throw new ImageRefused("the server answered without a body");
        }
        if (entity.getContentLength() > maxBytes) {
            get.cancel();
            throw new ImageRefused("the image is larger than " + maxText + " (Content-Length "
                    + entity.getContentLength() + ")");
        }
        InputStream in = entity.getContent();
        try {
            return FetchedBody.read(in, maxBytes, maxText);
        } catch (ImageRefused tooLarge) {
            // closing the stream would drain the rest to reuse the connection: drop it instead
            get.cancel();
            throw tooLarge;
        }
    }

    /** The policy's form check, and an IP literal's address check (the client asks no resolver for one). */
    private URI checked(String url) {
        try {
            URI uri = targets.parse(url);
            String host = OutboundTargets.host(uri);
            if (InetAddressUtils.isIPv4(host) || InetAddressUtils.isIPv6(host)) {
                targets.resolve(host);
            }
            return uri;
        } catch (TargetRefused refused) {
            throw new ImageRefused("target refused: " + refused.reason());
        }
    }

    private static String resolve(URI base, String location) {
        try {
            return base.resolve(location.trim()).toString();
        } catch (IllegalArgumentException e) {
            throw new ImageRefused("the redirect's Location is not a URL");
        }
    }

    /** The socket's own timeouts (connect, read) are the same limit as the timer's, reached first. */
    private static boolean timeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.SocketTimeoutException
                    || cause instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String failure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TargetRefused refused) {
                return "target refused: " + refused.reason();
            }
        }
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        if (response != null) {
            try {
                response.close();
            } catch (IOException | RuntimeException e) {
                // the outcome is known; a dropped connection fails to close
            }
        }
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
        connections.close();
    }
}
