package com.bulkimport.worker.observability;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.worker.WorkerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A worker whose bucket and work queue do not exist is alive but not ready, and says which checks failed. */
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=batch-worker", "bulkimport.worker.enabled=false", "server.port=0",
                "bulkimport.sweeper.enabled=false"})
// a context of its own that no other test can use: closed when done
@DirtiesContext
class WorkerNotReadyIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> {
            switch (key) {
                case "bulkimport.s3.bucket" -> registry.add(key, () -> "no-such-bucket");
                case "bulkimport.sqs.work-queue-url" -> registry.add(key,
                        () -> INFRA.sqs().endpoint() + "/000000000000/no-such-queue");
                default -> registry.add(key, () -> value);
            }
        });
    }

    @Value("${local.management.port}")
    int port;

    @Test
    void readinessIsDownWithTheMissingQueueAndBucketWhileLivenessStaysUp() {
        JsonHttp http = new JsonHttp("http://127.0.0.1:" + port);

        JsonHttp.Response readiness = http.get("/actuator/health/readiness");
        JsonHttp.Response liveness = http.get("/actuator/health/liveness");

        assertThat(readiness.status()).isEqualTo(503);
        assertThat(WorkerHealthIntegrationTest.statuses(readiness.json())).isEqualTo(WorkerHealthIntegrationTest.json("""
                {"status":"DOWN","components":{"db":{"status":"UP"},"readinessState":{"status":"UP"},
                 "s3":{"status":"DOWN"},"sqs":{"status":"DOWN"}}}"""));
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asString()).isEqualTo("UP");
    }
}
