package com.bulkimport.bench;

import com.bulkimport.model.ImportOptions;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * bench/revert: {@code ROWS} (default 1,000,000) generated products imported (import A, all created), the same
 * products imported again with another name each (import B, all updated), then B reverted (every product's old
 * values back) and A reverted (every product deleted), through the API, in one run on one stack. Each revert's
 * rows per second, from its creation (its plan included) to its end, against the apply phase of the import it
 * reverts: {@code ratio_restore_vs_apply} and {@code ratio_delete_vs_apply} (the bar: at least 0.5).
 * {@code EVENTS} (default {@code records}) is the imports' events option, which their reverts take over.
 * {@code BENCH_STATEMENTS=1} adds where PostgreSQL spent its time. Prints one JSON line last.
 */
public final class RevertBench {

    private RevertBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOutput.reserve();
        long rows = Long.parseLong(System.getenv().getOrDefault("ROWS", "1000000"));
        String events = System.getenv().getOrDefault("EVENTS", "records");
        System.err.printf("generating %,d product rows twice...%n", rows);
        Path created = ProductCsv.generate(rows);
        Path changed = ProductCsv.generate(rows, "party size");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bulkimport.relay.poll-interval", "50ms");
        settings.put("bulkimport.worker.concurrency", System.getenv().getOrDefault("WORKER_CONCURRENCY", "4"));
        settings.put("bulkimport.ingest.batch-size", System.getenv().getOrDefault("BATCH_SIZE", Integer.toString(ImportOptions.DEFAULT_BATCH_SIZE)));
        try (BenchStack bench = BenchStack.start(System.getenv().getOrDefault("WORKER_HEAP", "256m"), settings)) {
            String api = bench.stack.apiUrl();
            String token = bench.stack.token("alice");
            String a = BenchApi.importFile(api, token, "products", created, Map.of("events", events)).path("job_id")
                    .asString();
            double applyA = rows / ImportThroughputBench.applySeconds(bench, a);
            System.err.printf("import A (creates): apply %,.0f rows/s%n", applyA);
            String b = BenchApi.importFile(api, token, "products", changed, Map.of("events", events)).path("job_id")
                    .asString();
            double applyB = rows / ImportThroughputBench.applySeconds(bench, b);
            System.err.printf("import B (updates): apply %,.0f rows/s%n", applyB);

            JsonNode revertB = revert(api, token, b);
            expect(revertB, "updated", rows);
            double restoreRate = rows / seconds(bench, revertB.path("job_id").asString());
            System.err.printf("revert of B (restores): %,.0f rows/s%n", restoreRate);
            JsonNode revertA = revert(api, token, a);
            expect(revertA, "deleted", rows);
            double deleteRate = rows / seconds(bench, revertA.path("job_id").asString());
            System.err.printf("revert of A (deletes): %,.0f rows/s%n", deleteRate);

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("rows", rows);
            result.put("events", events);
            result.put("apply_create_rows_per_s", Math.round(applyA));
            result.put("apply_update_rows_per_s", Math.round(applyB));
            result.put("revert_restore_rows_per_s", Math.round(restoreRate));
            result.put("revert_delete_rows_per_s", Math.round(deleteRate));
            result.put("ratio_restore_vs_apply", Math.round(restoreRate / applyB * 1000) / 1000.0);
            result.put("ratio_delete_vs_apply", Math.round(deleteRate / applyA * 1000) / 1000.0);
            if (System.getenv("BENCH_STATEMENTS") != null) {
                ImportThroughputBench.printTopStatements(bench);
            }
            BenchOutput.printResult(BenchApi.JSON.writeValueAsString(result));
        } finally {
            BenchStack.deleteQuietly(created);
            BenchStack.deleteQuietly(changed);
        }
        System.exit(0);
    }

    /** Starts the revert of {@code jobId} and waits for its end. @return its final status */
    private static JsonNode revert(String api, String token, String jobId) throws Exception {
        JsonNode started = BenchApi.send(HttpRequest.newBuilder(URI.create(api + "/api/imports/" + jobId + "/revert"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
        String revertId = started.path("job_id").asString();
        while (true) {
            JsonNode status = BenchApi.send(HttpRequest.newBuilder(URI.create(api + "/api/imports/" + revertId))
                    .header("Authorization", "Bearer " + token).GET());
            String state = status.path("status").asString();
            if (state.startsWith("COMPLETED")) {
                return status;
            }
            if (!state.equals("INGESTING") && !state.equals("APPLYING")) {
                throw new IllegalStateException("revert ended " + state + ": " + status);
            }
            Thread.sleep(200);
        }
    }

    private static void expect(JsonNode revert, String count, long rows) {
        long got = revert.path("progress").path(count).asLong();
        if (got != rows || revert.path("progress").path("errors").asLong() != 0) {
            throw new IllegalStateException("the revert " + count + " " + got + " of " + rows + ": " + revert);
        }
    }

    /** From the revert's creation (its plan is part of it) to its end. */
    private static double seconds(BenchStack bench, String jobId) throws Exception {
        try (Connection connection = DriverManager.getConnection(bench.infra.postgres().jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT extract(epoch FROM completed_at - created_at)"
                     + " FROM import_jobs WHERE id = '" + jobId + "'")) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}
