package com.bulkimport.api;

import com.bulkimport.api.support.ApiHttp;
import com.bulkimport.api.support.TestIssuer;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.LocalInfra;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API against real PostgreSQL and S3Proxy on loopback (no relay or worker runs, so outbox rows
 * stay where the API wrote them), trusting a test issuer whose keys it fetches over HTTP. Requests
 * act as {@link TestUser#ALICE} unless a test says otherwise. Rate limits are out of the way here;
 * {@code RateLimitIntegrationTest} has its own context with tight ones.
 */
@SpringBootTest(classes = ImportApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // local: the test issuer is http on loopback, which only a local stack may trust
        properties = {"spring.config.name=import-api", "spring.profiles.active=local", "management.server.port=0",
                "bulkimport.rate-limit.create.capacity=1000000", "bulkimport.rate-limit.start.capacity=1000000",
                "bulkimport.rate-limit.sample.capacity=1000000", "bulkimport.rate-limit.error-report.capacity=1000000",
                "bulkimport.rate-limit.confirm.capacity=1000000", "bulkimport.rate-limit.update.capacity=1000000",
                "bulkimport.rate-limit.upload.capacity=1000000",
                // multipart uploads from 10 MB on, in parts of S3's (and S3Proxy's) smallest size: a test file of 3 parts is ~11 MB
                "bulkimport.s3.multipart.threshold=10MB", "bulkimport.s3.multipart.part-size=5MB",
                "bulkimport.security.cors-allowed-origins=https://ui.example.test",
                // no worker applies these tests' batches, so acme's window of announced batches would fill up over
                // the tests and hold back the next test's announcements: every batch is announced at once here
                // (the window is tested where batches are applied, batch-worker's FairShareIntegrationTest)
                "bulkimport.fairness.batches-per-tenant=0"})
public abstract class ApiIntegrationTest {

    protected static final LocalInfra INFRA = LocalInfra.shared();
    protected static final TestIssuer ISSUER = TestIssuer.shared();

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected Environment environment;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", ISSUER::jwkSetUri);
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + environment.getProperty("local.server.port");
    }

    protected String managementUrl() {
        return "http://127.0.0.1:" + environment.getProperty("local.management.port");
    }

    /** Requests as alice (tenant acme). */
    protected ApiHttp http() {
        return http(TestUser.ALICE);
    }

    protected ApiHttp http(TestUser user) {
        return ApiHttp.bearer(baseUrl(), ISSUER.token(user));
    }

    protected ApiHttp anonymous() {
        return ApiHttp.anonymous(baseUrl());
    }
}
