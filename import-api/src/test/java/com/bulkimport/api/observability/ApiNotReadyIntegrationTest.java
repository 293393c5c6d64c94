package com.bulkimport.api.observability;

import com.bulkimport.api.ImportApiApplication;
import com.bulkimport.api.support.ApiHttp;
import com.bulkimport.api.support.TestIssuer;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** An API whose upload bucket does not exist is alive but not ready: no upload could be checked or started. */
@SpringBootTest(classes = ImportApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=import-api", "spring.profiles.active=local", "management.server.port=0"})
// a context of its own that no other test can use: closed when done
@DirtiesContext
class ApiNotReadyIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();
    static final TestIssuer ISSUER = TestIssuer.shared();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) ->
                registry.add(key, () -> key.equals("bulkimport.s3.bucket") ? "no-such-bucket" : value));
        // the API does not start without an issuer
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", ISSUER::jwkSetUri);
    }

    @Autowired
    Environment environment;

    @Test
    void readinessIsDownWithTheMissingBucketWhileLivenessStaysUp() {
        // an admin sees which check is down; anyone else the status alone
        ApiHttp management = ApiHttp.bearer("http://127.0.0.1:" + environment.getProperty("local.management.port"),
                ISSUER.token(TestUser.ADMIN));

        JsonHttp.Response readiness = management.get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(503);
        assertThat(ApiHealthIntegrationTest.statuses(readiness.json())).isEqualTo(ApiHealthIntegrationTest.json("""
                {"status":"DOWN","components":{"db":{"status":"UP"},"readinessState":{"status":"UP"},
                 "s3":{"status":"DOWN"}}}"""));
        assertThat(management.get("/actuator/health/liveness").status()).isEqualTo(200);
    }
}
