package com.bulkimport.local;

import com.bulkimport.cli.BulkImportCliDriver;
import com.bulkimport.local.embedded.LocalInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One running stack per test class (shared by its tests, to keep the suite short), its API as alice (tenant acme)
 * and the CLI pointed at it: what the CLI's end-to-end tests start from.
 */
abstract class RunningStackTest {

    static LocalStack stack;
    static SignedInHttp http;
    static JdbcClient jdbc;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(LocalInfra.shared(), LocalStack.Ports.ANY, Map.of("bulkimport.worker.wait-time", "1s",
                "bulkimport.relay.poll-interval", "50ms",
                // files from 10 MB on go up in parts of 5 MiB (S3's and S3Proxy's smallest), so a resume is cheap to test
                "bulkimport.s3.multipart.threshold", "10MB", "bulkimport.s3.multipart.part-size", "5MB",
                // the relay says what it published at DEBUG only, and JobLogsEndToEndTest reads that
                "logging.level.com.bulkimport.relay.outbox.OutboxRelay", "DEBUG"));
        http = SignedInHttp.as(stack, "alice");
        jdbc = stack.api().getBean(JdbcClient.class);
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    /** {@code args} and {@code --api} this stack's URL. */
    static String[] withApi(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--api");
        all.add(stack.apiUrl());
        return all.toArray(String[]::new);
    }

    static BulkImportCliDriver.Result cli(String... args) {
        return BulkImportCliDriver.run(withApi(args));
    }
}
