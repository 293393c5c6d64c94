package com.bulkimport.api.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A test-only token issuer: an RSA key of its own, its JWKS served over real HTTP on loopback (the
 * API fetches it exactly as it fetches a production issuer's), and tokens minted in microseconds,
 * including the broken ones a matrix needs (expired, foreign issuer or audience, tampered, unknown key).
 */
public final class TestIssuer {

    public static final String AUDIENCE = "bulk-import-api";
    private static TestIssuer shared;

    private final RSAKey key;
    private final RSAKey strangerKey;
    private final String issuer;

    private TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            strangerKey = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            server.start();
            issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
            jwkSetUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final String jwkSetUri;

    public static synchronized TestIssuer shared() {
        if (shared == null) {
            shared = new TestIssuer();
        }
        return shared;
    }

    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return jwkSetUri;
    }

    /** A valid five-minute access token. */
    public String token(TestUser user) {
        return mint(user, issuer, List.of(AUDIENCE), Instant.now().plus(Duration.ofMinutes(5)), key);
    }

    public String expired(TestUser user) {
        return mint(user, issuer, List.of(AUDIENCE), Instant.now().minus(Duration.ofMinutes(5)), key);
    }

    public String wrongIssuer(TestUser user) {
        return mint(user, "https://evil.example/issuer", List.of(AUDIENCE), Instant.now().plusSeconds(300), key);
    }

    public String wrongAudience(TestUser user) {
        return mint(user, issuer, List.of("some-other-api"), Instant.now().plusSeconds(300), key);
    }

    /**
     * A token shaped as Cognito shapes them: an ID token ({@code token_use} id) names the app client in {@code aud};
     * an access token ({@code token_use} access) has no {@code aud}, and the client in {@code client_id}.
     */
    public String cognito(TestUser user, String tokenUse) {
        JWTClaimsSet.Builder claims = claims(user, issuer, tokenUse.equals("id") ? List.of(AUDIENCE) : List.of(),
                Instant.now().plusSeconds(300)).claim("token_use", tokenUse);
        if (!tokenUse.equals("id")) {
            claims.claim("client_id", AUDIENCE);
        }
        return sign(claims.build(), key);
    }

    /** Signed by a key the issuer never published (with the same key id). */
    public String unknownKey(TestUser user) {
        return mint(user, issuer, List.of(AUDIENCE), Instant.now().plusSeconds(300), strangerKey);
    }

    /** A valid token whose payload was changed afterwards (another tenant), so the signature no longer fits. */
    public String tampered(TestUser user) {
        String[] parts = token(user).split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"" + user.tenant() + "\"", "\"" + user.tenant() + "x\"");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** A valid token without the tenant claim. */
    public String withoutTenant(TestUser user) {
        return mint(new TestUser(user.subject(), null, user.roles()), issuer, List.of(AUDIENCE),
                Instant.now().plusSeconds(300), key);
    }

    private static String mint(TestUser user, String issuer, List<String> audience, Instant expires, RSAKey signer) {
        return sign(claims(user, issuer, audience, expires).build(), signer);
    }

    private static JWTClaimsSet.Builder claims(TestUser user, String issuer, List<String> audience, Instant expires) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(user.subject()).audience(audience.isEmpty() ? null : audience)
                .issueTime(Date.from(expires.minus(Duration.ofMinutes(5)))).expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString()).claim("roles", user.roles());
        if (user.tenant() != null) {
            claims.claim("tenant", user.tenant());
        }
        return claims;
    }

    private static String sign(JWTClaimsSet claims, RSAKey signer) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(signer));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
