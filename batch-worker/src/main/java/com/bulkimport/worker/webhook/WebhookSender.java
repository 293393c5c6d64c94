package com.bulkimport.worker.webhook;

import com.bulkimport.support.outbound.OutboundTargets;
import com.bulkimport.support.outbound.TargetRefused;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.net.InetAddressUtils;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Posts one signed delivery and says how it went, never throwing. Apache HttpClient, for its resolver hook:
 * the SSRF policy runs inside the connect path ({@link OutboundTargets#dnsResolver()}), so the address
 * connected to is the one just checked. Redirects are not followed (a 3xx is a failed attempt: following one
 * would send the event where nobody registered it). The attempt as a whole is bounded by {@code timeout}
 * (a receiver that trickles its answer would otherwise pass every read timeout); at most
 * {@code response-limit} of the answer is read, and a longer answer's connection is dropped, not drained.
 */
final class WebhookSender implements AutoCloseable {

    private static final String USER_AGENT = "bulk-import-webhooks/1.0";

    private final OutboundTargets targets;
    private final CloseableHttpClient client;
    private final PoolingHttpClientConnectionManager connections;
    private final ScheduledExecutorService deadlines;
    private final Duration timeout;
    private final int responseLimit;

    WebhookSender(OutboundTargets targets, WebhookProperties properties) {
        this.targets = targets;
        this.timeout = properties.timeout();
        this.responseLimit = (int) properties.responseLimit().toBytes();
        Timeout limit = Timeout.of(timeout);
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(targets.dnsResolver())
                .setMaxConnTotal(properties.threads())
                .setMaxConnPerRoute(properties.perEndpointConcurrency())
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
            Thread thread = new Thread(runnable, "webhook-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    Outcome send(Claimed delivery) {
        long started = System.nanoTime();
        HttpPost post;
        try {
            URI uri = targets.parse(delivery.url());
            String host = OutboundTargets.host(uri);
            if (InetAddressUtils.isIPv4(host) || InetAddressUtils.isIPv6(host)) {
                // an address needs no lookup, and the client may connect without asking the resolver
                targets.resolve(host);
            }
            post = new HttpPost(uri);
        } catch (TargetRefused refused) {
            return new Outcome(null, "target refused: " + refused.reason(), null, elapsed(started));
        }
        long timestamp = Instant.now().getEpochSecond();
        post.setHeader("webhook-id", delivery.messageId());
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", Signature.header(delivery.secrets(), delivery.messageId(), timestamp,
                delivery.body()));
        post.setEntity(new StringEntity(delivery.body(), ContentType.APPLICATION_JSON));
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            timedOut.set(true);
            post.cancel();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, post, null);
            return answered(post, response, started);
        } catch (IOException | RuntimeException e) {
            // the socket's own timeouts (as long as the attempt's) may fire first on a busy machine: the same timeout
            boolean late = timedOut.get() || e instanceof SocketTimeoutException
                    || e instanceof ConnectTimeoutException;
            return new Outcome(null, late ? "timed out after " + timeout.toMillis() + " ms" : failure(e),
                    null, elapsed(started));
        } finally {
            deadline.cancel(false);
            closeQuietly(response);
        }
    }

    /** A dropped connection's response fails to close: the outcome is known by then. */
    private static void closeQuietly(ClassicHttpResponse response) {
        if (response != null) {
            try {
                response.close();
            } catch (IOException | RuntimeException e) {
                // nothing to tell: the attempt's outcome is already recorded
            }
        }
    }

    private Outcome answered(HttpPost post, ClassicHttpResponse response, long started) throws IOException {
        int status = response.getCode();
        String body = readHead(post, response.getEntity());
        String error = null;
        if (status >= 300 && status < 400) {
            Header location = response.getFirstHeader("Location");
            error = "redirect not followed" + (location == null ? "" : " (to " + clip(location.getValue()) + ")");
        } else if (status < 200 || status >= 300) {
            error = "the receiver answered " + status;
        }
        return new Outcome(status, error, body, elapsed(started));
    }

    /** The answer's first {@code responseLimit} bytes; a longer answer's connection is dropped rather than drained. */
    private String readHead(HttpPost post, HttpEntity entity) throws IOException {
        if (entity == null) {
            return null;
        }
        byte[] head = new byte[responseLimit];
        int read = 0;
        InputStream in = entity.getContent();
        if (in == null) {
            return null;
        }
        while (read < head.length) {
            int n = in.read(head, read, head.length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        if (read == head.length && in.read() >= 0) {
            // closing the stream would read the rest (to reuse the connection): drop the connection instead
            post.cancel();
        }
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        // PostgreSQL text holds no NUL
        return decoder.decode(ByteBuffer.wrap(head, 0, read)).toString().replace('\0', '\uFFFD');
    }

    /** What went wrong, as a receiver's owner can act on it: the refused target's reason, or the error's own words. */
    private static String failure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TargetRefused refused) {
                return "target refused: " + refused.reason();
            }
        }
        String message = e.getMessage();
        return clip(e.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }

    private static String clip(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    private static long elapsed(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
        connections.close();
    }
}
