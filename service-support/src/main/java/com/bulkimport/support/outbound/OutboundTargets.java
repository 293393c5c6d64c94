package com.bulkimport.support.outbound;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The SSRF policy for URLs users give us: http(s) only, https unless private targets are allowed, and no
 * host that resolves to a forbidden address ({@link ForbiddenAddresses}). The API checks a URL when it is
 * registered; the sender checks again at every request, inside the HTTP client's own connect path
 * ({@link CheckedDnsResolver}), because a name may resolve elsewhere by then (DNS rebinding).
 *
 * <p>{@code allowPrivateTargets} lifts both rules, for the local stack and the tests only, whose receivers
 * listen on loopback over plain http; a service started with it outside the local profile refuses to start
 * ({@link #of(boolean, Environment, String)}).
 */
public final class OutboundTargets {

    public static final int MAX_URL_LENGTH = 2048;
    /** The Spring profile of a local stack and the tests, the only place private targets may be allowed. */
    public static final String LOCAL_PROFILE = "local";

    private final boolean allowPrivateTargets;
    private final Resolver resolver;

    /** How a host name becomes addresses: the system's resolver, unless a test of the policy brings its own. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public OutboundTargets(boolean allowPrivateTargets) {
        this(allowPrivateTargets, InetAddress::getAllByName);
    }

    public OutboundTargets(boolean allowPrivateTargets, Resolver resolver) {
        this.allowPrivateTargets = allowPrivateTargets;
        this.resolver = resolver;
    }

    /**
     * The policy a service runs with. Allowing private targets lets any tenant's webhook reach the service's own
     * network (the cloud metadata service among it): only a local stack may (the {@value #LOCAL_PROFILE}
     * profile, as for an http token issuer); elsewhere the service refuses to start.
     *
     * @throws IllegalStateException when private targets are allowed outside the local profile
     */
    public static OutboundTargets of(boolean allowPrivateTargets, Environment environment, String service) {
        if (allowPrivateTargets && !environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
            throw new IllegalStateException("bulkimport.webhooks.allow-private-targets=true"
                    + " (WEBHOOKS_ALLOW_PRIVATE_TARGETS) lets webhooks reach private, loopback and link-local addresses,"
                    + " the cloud metadata service among them: only a local stack may set it (Spring profile '"
                    + LOCAL_PROFILE + "', SPRING_PROFILES_ACTIVE=local, which ./bulk-import up and docker compose set);"
                    + " " + service + " does not start with it");
        }
        return new OutboundTargets(allowPrivateTargets);
    }

    public boolean allowsPrivateTargets() {
        return allowPrivateTargets;
    }

    /**
     * The URL's form alone, without resolving it: absolute http(s) with a host, no user info, no fragment.
     *
     * @throws TargetRefused saying what is wrong
     */
    public URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new TargetRefused("the URL is empty");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new TargetRefused("the URL is longer than " + MAX_URL_LENGTH + " characters");
        }
        if (url.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw new TargetRefused("the URL contains spaces or control characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new TargetRefused("not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new TargetRefused("the URL must start with https://");
        }
        if (scheme.equals("http") && !allowPrivateTargets) {
            throw new TargetRefused("only https URLs are accepted");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new TargetRefused("the URL has no valid host name");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw new TargetRefused("the URL's port must be between 1 and 65535");
        }
        if (uri.getRawUserInfo() != null) {
            throw new TargetRefused("the URL must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw new TargetRefused("the URL must not have a fragment (#…)");
        }
        return uri;
    }

    /** {@link #parse} and {@link #resolve} its host: what a registration checks. */
    public URI check(String url) {
        URI uri = parse(url);
        resolve(host(uri));
        return uri;
    }

    /**
     * The host's addresses, every one of them allowed: a name with one private address among public ones is
     * refused whole, since the client may pick any.
     *
     * @throws TargetRefused when the name does not resolve or an address is forbidden
     */
    public InetAddress[] resolve(String host) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new TargetRefused("the host " + host + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new TargetRefused("the host " + host + " does not resolve");
        }
        if (!allowPrivateTargets) {
            for (InetAddress address : addresses) {
                Optional<String> why = ForbiddenAddresses.reason(address);
                if (why.isPresent()) {
                    throw new TargetRefused("the host " + host + " resolves to " + address.getHostAddress() + ", "
                            + why.get() + ": private targets are not allowed");
                }
            }
        }
        return Arrays.copyOf(addresses, addresses.length);
    }

    /** The URI's host as a resolver takes it: an IPv6 literal without its brackets. */
    public static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** A resolver for Apache HttpClient that applies this policy to every connection it opens. */
    public CheckedDnsResolver dnsResolver() {
        return new CheckedDnsResolver(this);
    }
}
