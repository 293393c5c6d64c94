package com.bulkimport.api.security;

import com.bulkimport.api.support.ApiInstance;
import com.bulkimport.api.support.TestIssuer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Token checks fail closed: an API that could not check tokens as configured does not start, and says why. */
class StartupRefusalIntegrationTest {

    static final TestIssuer ISSUER = TestIssuer.shared();

    /** The API started with these properties; null when it started. */
    static Throwable startWith(Map<String, String> properties) {
        Throwable failure = catchThrowable(() -> ApiInstance.start(properties).close());
        Throwable root = failure;
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    @Test
    void withoutAnIssuer() {
        Throwable refused = startWith(Map.of());

        assertThat(refused).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no token issuer is configured").hasMessageContaining("OIDC_ISSUER_URI");
    }

    /** The test issuer is http on loopback: what a local stack runs, and nothing else may trust. */
    @Test
    void withAnHttpLoopbackIssuerOutsideALocalStack() {
        Throwable refused = startWith(Map.of(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER.issuer(),
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", ISSUER.jwkSetUri()));

        assertThat(refused).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ISSUER.issuer()).hasMessageContaining("SPRING_PROFILES_ACTIVE=local");
    }

    @Test
    void withAnHttpsIssuerWhoseKeysComeOverHttp() {
        Throwable refused = startWith(Map.of(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://issuer.example/pool",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "http://issuer.example/pool/jwks"));

        assertThat(refused).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("http://issuer.example/pool/jwks is not https");
    }

    @Test
    void withAnEmptyAudienceList() {
        Throwable refused = startWith(Map.of(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER.issuer(),
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", ISSUER.jwkSetUri(),
                "spring.profiles.active", "local",
                "bulkimport.security.audiences", ""));

        assertThat(refused).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OIDC_AUDIENCES");
    }

    /** Tenants' webhooks could reach this network (the metadata service among it): a local stack's setting only. */
    @Test
    void withPrivateWebhookTargetsOutsideALocalStack() {
        Throwable refused = startWith(Map.of(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://issuer.example/pool",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "https://issuer.example/pool/jwks",
                "bulkimport.webhooks.allow-private-targets", "true"));

        assertThat(refused).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bulkimport.webhooks.allow-private-targets=true")
                .hasMessageContaining("SPRING_PROFILES_ACTIVE=local")
                .hasMessageEndingWith("import-api does not start with it");
    }
}
