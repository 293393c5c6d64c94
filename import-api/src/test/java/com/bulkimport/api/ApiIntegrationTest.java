package com.bulkimport.api;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API against real PostgreSQL and S3Proxy on loopback (no relay or worker runs, so outbox rows
 * stay where the API wrote them).
 */
@SpringBootTest(classes = ImportApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=import-api", "management.server.port=0"})
public abstract class ApiIntegrationTest {

    protected static final LocalInfra INFRA = LocalInfra.shared();

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private Environment environment;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    protected JsonHttp http() {
        return new JsonHttp("http://127.0.0.1:" + environment.getProperty("local.server.port"));
    }
}
