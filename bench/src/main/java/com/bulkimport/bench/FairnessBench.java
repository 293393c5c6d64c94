package com.bulkimport.bench;

import com.bulkimport.model.ImportOptions;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * bench/fairness: while tenant A (alice, tenant acme) runs {@code A_JOBS} product imports of {@code A_ROWS} rows
 * each, tenant B (bob, tenant globex) imports {@code B_ROWS} rows; B's import must finish in under
 * {@code GOAL_SECONDS} (docs/architecture.md, "Priority and fairness"). B starts once A's imports are all started
 * and the first of them is applying, so the work queue is full of A's batches. Prints both tenants' times, the
 * configuration, and one JSON line last. {@code FAIR_BATCHES_PER_TENANT=0 FAIR_INGESTS_PER_TENANT=0} runs the same
 * without the fair share, for comparison.
 */
public final class FairnessBench {

    private FairnessBench() {
    }

    private record Timed(JsonNode status, double seconds) {
    }

    public static void main(String[] args) throws Exception {
        BenchOutput.reserve();
        int aJobs = Integer.parseInt(System.getenv().getOrDefault("A_JOBS", "5"));
        long aRows = Long.parseLong(System.getenv().getOrDefault("A_ROWS", "200000"));
        long bRows = Long.parseLong(System.getenv().getOrDefault("B_ROWS", "1000"));
        double goal = Double.parseDouble(System.getenv().getOrDefault("GOAL_SECONDS", "10"));
        String heap = System.getenv().getOrDefault("WORKER_HEAP", "512m");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bulkimport.relay.poll-interval", "50ms");
        settings.put("bulkimport.worker.concurrency", System.getenv().getOrDefault("WORKER_CONCURRENCY", "4"));
        settings.put("bulkimport.ingest.batch-size", System.getenv().getOrDefault("BATCH_SIZE", Integer.toString(ImportOptions.DEFAULT_BATCH_SIZE)));
        settings.put("bulkimport.fairness.batches-per-tenant",
                System.getenv().getOrDefault("FAIR_BATCHES_PER_TENANT", "4"));
        settings.put("bulkimport.fairness.ingests-per-tenant",
                System.getenv().getOrDefault("FAIR_INGESTS_PER_TENANT", "2"));
        System.err.printf("generating %d files of %,d product rows and one of %,d...%n", aJobs, aRows, bRows);
        List<Path> aFiles = new ArrayList<>();
        for (int i = 0; i < aJobs; i++) {
            aFiles.add(ProductCsv.generate(aRows, 1 + i * aRows));
        }
        Path bFile = ProductCsv.generate(bRows, 1);
        ExecutorService tenantA = Executors.newFixedThreadPool(aJobs);
        try (BenchStack bench = BenchStack.start(heap, settings)) {
            String api = bench.stack.apiUrl();
            String alice = bench.stack.token("alice");
            String bob = bench.stack.token("bob");
            long start = System.nanoTime();
            List<CompletableFuture<Timed>> aImports = new ArrayList<>();
            for (Path file : aFiles) {
                aImports.add(CompletableFuture.supplyAsync(() -> timed(api, alice, file, start), tenantA));
            }
            String jdbcUrl = bench.infra.postgres().jdbcUrl();
            waitUntilApplying(jdbcUrl, aJobs);
            Map<String, Long> atStart = backlog(jdbcUrl);
            System.err.printf("tenant A: %s; tenant B starts its import now%n", atStart);
            long bStart = System.nanoTime();
            Timed b = timed(api, bob, bFile, bStart);
            System.err.printf("tenant B: %,d rows in %.2f s%n", bRows, b.seconds());
            List<Double> aSeconds = new ArrayList<>();
            for (CompletableFuture<Timed> a : aImports) {
                aSeconds.add(round(a.join().seconds()));
            }
            double aTotal = (System.nanoTime() - start) / 1e9;
            System.err.printf("tenant A: %d x %,d rows, each done after %s s, all after %.2f s%n", aJobs, aRows,
                    aSeconds, aTotal);

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("tenant_b_seconds", round(b.seconds()));
            result.put("tenant_b_rows", bRows);
            result.put("tenant_a_seconds", aSeconds);
            result.put("tenant_a_total_seconds", round(aTotal));
            result.put("tenant_a_jobs", aJobs);
            result.put("tenant_a_rows_each", aRows);
            result.put("goal_seconds", goal);
            result.put("goal_met", b.seconds() < goal);
            result.put("tenant_a_when_b_started", atStart);
            result.put("worker_concurrency", Integer.parseInt(settings.get("bulkimport.worker.concurrency")));
            result.put("batch_size", Integer.parseInt(settings.get("bulkimport.ingest.batch-size")));
            result.put("batches_per_tenant", Integer.parseInt(settings.get("bulkimport.fairness.batches-per-tenant")));
            result.put("ingests_per_tenant", Integer.parseInt(settings.get("bulkimport.fairness.ingests-per-tenant")));
            result.put("transport", "eventbridge (local PutEvents) -> sqs lanes");
            BenchOutput.printResult(BenchApi.JSON.writeValueAsString(result));
        } finally {
            tenantA.shutdownNow();
            aFiles.forEach(BenchStack::deleteQuietly);
            BenchStack.deleteQuietly(bFile);
        }
        System.exit(0);
    }

    /** One import from its create to COMPLETED, timed from {@code start}. */
    private static Timed timed(String api, String token, Path file, long start) {
        try {
            JsonNode done = BenchApi.importFile(api, token, "products", file, Map.of("events", "none"));
            return new Timed(done, (System.nanoTime() - start) / 1e9);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Until all of A's jobs exist and the first of them applies: the queue then holds A's batches. */
    private static void waitUntilApplying(String jdbcUrl, int jobs) throws Exception {
        while (true) {
            Map<String, Long> now = backlog(jdbcUrl);
            if (now.getOrDefault("jobs", 0L) >= jobs && now.getOrDefault("applying", 0L) >= 1) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** Tenant A's jobs, those applying, and its pending batches (announced or waiting for its turn). */
    private static Map<String, Long> backlog(String jdbcUrl) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT count(*) AS jobs, count(*) FILTER (WHERE status = 'APPLYING') AS applying,
                            count(*) FILTER (WHERE status = 'INGESTING') AS ingesting,
                            (SELECT count(*) FROM import_batches b JOIN import_jobs j ON j.id = b.job_id
                             WHERE j.tenant = 'acme' AND b.status = 'PENDING') AS pending_batches,
                            (SELECT count(*) FROM import_batches b JOIN import_jobs j ON j.id = b.job_id
                             WHERE j.tenant = 'acme' AND b.status = 'PENDING' AND b.announced_at IS NOT NULL)
                                AS announced_batches
                     FROM import_jobs WHERE tenant = 'acme' AND status NOT IN ('COMPLETED', 'FAILED', 'CANCELLED')""")) {
            rs.next();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String column : List.of("jobs", "applying", "ingesting", "pending_batches", "announced_batches")) {
                counts.put(column, rs.getLong(column));
            }
            return counts;
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
