package com.bulkimport.local;

import com.bulkimport.cli.BulkImportCliDriver;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;

/**
 * The running stack this JVM's test classes share ({@link SharedStack}), its API as alice (tenant acme) and the CLI
 * pointed at it: what the CLI's end-to-end tests start from.
 */
abstract class RunningStackTest {

    static LocalStack stack;
    static SignedInHttp http;
    static JdbcClient jdbc;

    @BeforeAll
    static void startStack() {
        stack = SharedStack.get();
        http = SignedInHttp.as(stack, "alice");
        jdbc = stack.api().getBean(JdbcClient.class);
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
