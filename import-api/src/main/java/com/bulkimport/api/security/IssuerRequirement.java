package com.bulkimport.api.security;

import com.bulkimport.support.security.TokenIssuer;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The API refuses to start with an issuer it must not trust. Without one it could serve nothing it exists for,
 * and would only look healthy. An issuer (or its keys) over plain http can be impersonated by anyone on the way,
 * and one on loopback is a sign-in server on the API's own machine: both are what a local stack runs (the
 * {@value #LOCAL_PROFILE} profile, which {@code ./bulk-import up}, docker compose and the tests set), never a
 * deployment.
 */
final class IssuerRequirement {

    static final String LOCAL_PROFILE = "local";

    private IssuerRequirement() {
    }

    static void check(TokenIssuer issuer, Environment environment) {
        check(issuer, environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE)));
    }

    static void check(TokenIssuer issuer, boolean local) {
        if (!issuer.configured()) {
            throw new IllegalStateException("no token issuer is configured: set OIDC_ISSUER_URI (or"
                    + " SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI), and OIDC_JWK_SET_URI where the keys are"
                    + " not found by discovery; import-api does not start without one");
        }
        if (local) {
            return;
        }
        for (String uri : List.of(issuer.issuerUri(), issuer.jwkSetUri())) {
            if (!uri.isEmpty() && !remoteHttps(uri)) {
                throw new IllegalStateException("the token issuer " + uri + " is not https on another host: only a"
                        + " local stack may trust an http or loopback issuer (Spring profile '" + LOCAL_PROFILE + "',"
                        + " SPRING_PROFILES_ACTIVE=local, which ./bulk-import up and docker compose set); a deployment's"
                        + " issuer is https, e.g. https://cognito-idp.<region>.amazonaws.com/<user pool id>");
            }
        }
    }

    static boolean remoteHttps(String uri) {
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String host = parsed.getHost();
        return "https".equalsIgnoreCase(parsed.getScheme()) && host != null && !loopback(host);
    }

    private static boolean loopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        if (name.startsWith("[") || name.matches("[0-9.]+")) {
            try {
                // an address literal: parsed, never looked up
                InetAddress address = InetAddress.getByName(name.replace("[", "").replace("]", ""));
                return address.isLoopbackAddress() || address.isAnyLocalAddress();
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return false;
    }
}
