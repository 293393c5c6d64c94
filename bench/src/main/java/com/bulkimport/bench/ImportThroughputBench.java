package com.bulkimport.bench;

import com.bulkimport.model.ImportOptions;
import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * bench/import-throughput: the same generated product file (a) COPYed raw into a table with the
 * same columns and unique keys, (b) imported end to end (upload → COMPLETED) and (c) its apply
 * phase alone, with the worker in its own JVM at a fixed heap; (b) and (c) once per EVENTS mode
 * (default {@code records,none}: every record announced, and nothing announced), so
 * {@code ratio_events_vs_none} says what announcing each record costs; and (d) the Spring Batch chunk job a user
 * would write instead ({@link SpringBatchBaseline}), for {@code ratio_vs_spring_batch}. With {@code FORMAT=xlsx} the
 * same rows are also written as an .xlsx sheet (POI's streaming writer) and imported after the CSV in the same run,
 * into emptied targets, so {@code ratio_xlsx_vs_csv} compares the two formats on one machine at one moment (EVENTS
 * then defaults to {@code records} alone). {@code HISTORY} (default {@code on,off}): after those, the first EVENTS
 * mode again with the worker restarted with the record history off ({@code bulkimport.history.enabled=false}), so
 * {@code ratio_history_on_vs_off} says what keeping each change for a revert costs. Prints one JSON line last.
 */
public final class ImportThroughputBench {

    private static final JsonMapper JSON = BenchApi.JSON;

    private ImportThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOutput.reserve();
        long rows = Long.parseLong(System.getenv().getOrDefault("ROWS", "1000000"));
        String heap = System.getenv().getOrDefault("WORKER_HEAP", "256m");
        System.err.printf("generating %,d product rows...%n", rows);
        Path csv = ProductCsv.generate(rows);
        boolean xlsx = "xlsx".equalsIgnoreCase(System.getenv().getOrDefault("FORMAT", "csv"));
        Path workbook = null;
        if (xlsx) {
            System.err.printf("writing the same rows as .xlsx...%n");
            workbook = ProductXlsx.fromCsv(csv);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bulkimport.worker.concurrency", System.getenv().getOrDefault("WORKER_CONCURRENCY", "4"));
        settings.put("bulkimport.ingest.batch-size", System.getenv().getOrDefault("BATCH_SIZE", Integer.toString(ImportOptions.DEFAULT_BATCH_SIZE)));
        try (BenchStack bench = BenchStack.start(heap, settings)) {
            double copyRate = rawCopy(bench, csv, rows, BASELINE_TABLE, "bench_copy");
            System.err.printf("raw COPY: %,.0f rows/s%n", copyRate);
            double copyIntoProductsRate = rawCopy(bench, csv, rows, productsLike("bench_copy_products"),
                    "bench_copy_products");
            System.err.printf("raw COPY into a copy of products: %,.0f rows/s%n", copyIntoProductsRate);
            int processors = Runtime.getRuntime().availableProcessors();
            double parallelCopyRate = ParallelCopy.rowsPerSecond(bench.infra.postgres().jdbcUrl(), csv, rows,
                    productsLike("bench_copy_products_parallel"), "bench_copy_products_parallel", processors);
            System.err.printf("raw COPY into a copy of products, %d streams: %,.0f rows/s%n", processors,
                    parallelCopyRate);
            double springBatchRate = SpringBatchBaseline.run(bench.infra.postgres().jdbcUrl(), csv, rows,
                    productsLike(SpringBatchBaseline.TABLE));
            System.err.printf("Spring Batch chunk job into a copy of products: %,.0f rows/s%n", springBatchRate);
            dropIndexes(bench, System.getenv().getOrDefault("BENCH_DROP_INDEXES", ""));
            disableOutboxTriggers(bench, System.getenv().getOrDefault("BENCH_DISABLE_OUTBOX_TRIGGERS", ""));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("rows", rows);
            result.put("copy_rows_per_s", Math.round(copyRate));
            result.put("copy_into_products_rows_per_s", Math.round(copyIntoProductsRate));
            result.put("spring_batch_rows_per_s", Math.round(springBatchRate));
            // the most any import into products can do here (ParallelCopy, or one stream when two do no better), so
            // the most ratio_vs_spring_batch can be
            result.put("copy_into_products_parallel_rows_per_s", Math.round(parallelCopyRate));
            result.put("copy_into_products_streams", processors);
            result.put("ratio_vs_spring_batch_ceiling",
                    Math.round(Math.max(parallelCopyRate, copyIntoProductsRate) / springBatchRate * 1000) / 1000.0);
            List<String> modes = List.of(System.getenv().getOrDefault("EVENTS", xlsx ? "records" : "records,none")
                    .split(","));
            long warmupRows = Long.parseLong(System.getenv().getOrDefault("WARMUP_ROWS",
                    Long.toString(Math.min(rows / 10, 50_000))));
            warmUp(bench, warmupRows);
            Map<String, Double> importRates = new LinkedHashMap<>();
            double[] eventsAlone = null; // the records import's bare outbox insert (s) and bus processor time (s)
            for (String mode : modes) {
                String events = mode.trim();
                emptyTheTargets(bench);
                try (HeapWatcher heapWatcher = new HeapWatcher(bench.workerGcLog);
                     StagingWatcher staging = new StagingWatcher(bench.infra.postgres().jdbcUrl())) {
                    CpuAccount cpu = CpuAccount.of(bench);
                    Map<String, Double> cpuBefore = cpu.snapshot();
                    long start = System.nanoTime();
                    EtaAccuracy eta = new EtaAccuracy();
                    JsonNode done = BenchApi.importFile(bench.stack.apiUrl(), bench.stack.token("alice"), "products",
                            csv, Map.of("events", events), eta);
                    String jobId = done.path("job_id").asString();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    Map<String, Double> cpuSpent = CpuAccount.between(cpuBefore, cpu.snapshot());
                    double importRate = rows / seconds;
                    double applyRate = rows / applySeconds(bench, jobId);
                    System.err.printf("import (events %s): %,.0f rows/s end to end, apply %,.0f rows/s%n", events,
                            importRate, applyRate);
                    System.err.printf("processor time (events %s): %s%n", events, CpuAccount.describe(cpuSpent, seconds));
                    importRates.put(events, importRate);
                    // the first mode keeps the figures' old names, so earlier runs' lines compare
                    String suffix = importRates.size() == 1 ? "" : "_events_" + events;
                    cpuSpent.forEach((group, cpuSeconds) -> result.put("cpu_s_" + group + suffix, cpuSeconds));
                    result.put("cpu_s_capacity" + suffix,
                            Math.round(seconds * Runtime.getRuntime().availableProcessors() * 10) / 10.0);
                    result.put("import_rows_per_s" + suffix, Math.round(importRate));
                    result.put("apply_rows_per_s" + suffix, Math.round(applyRate));
                    result.put("ratio_vs_copy" + suffix, Math.round(importRate / copyRate * 1000) / 1000.0);
                    result.put("ratio_vs_copy_into_products" + suffix,
                            Math.round(importRate / copyIntoProductsRate * 1000) / 1000.0);
                    result.put("ratio_vs_spring_batch" + suffix, Math.round(importRate / springBatchRate * 1000) / 1000.0);
                    result.put("worker_max_heap_mb" + suffix, Math.round(heapWatcher.maxUsedMb()));
                    result.put("worker_max_live_heap_mb" + suffix, Math.round(heapWatcher.maxLiveMb()));
                    result.put("worker_full_gcs" + suffix, heapWatcher.fullCollections());
                    System.err.printf("staging (events %s): at most %,d rows, %,d MB%n", events, staging.maxRows(),
                            staging.maxMb());
                    result.put("max_staged_rows" + suffix, staging.maxRows());
                    result.put("max_staging_mb" + suffix, staging.maxMb());
                    EtaAccuracy.Result accuracy = eta.measure(
                            Instant.parse(done.path("timestamps").path("started_at").asString()),
                            Instant.parse(done.path("timestamps").path("completed_at").asString()));
                    System.err.printf("ETA: first after %s s; error at a tenth of the job %s, at most %s after it"
                                    + " (of the job's duration, %d statuses)%n", round(accuracy.firstEtaSeconds()),
                            round(accuracy.errorAtTenth()), round(accuracy.maxErrorAfterTenth()), accuracy.samples());
                    if (System.getenv("BENCH_ETA_LOG") != null) {
                        // every status read: seconds since the start, phase, percentage, the ETA's second
                        eta.print(Instant.parse(done.path("timestamps").path("started_at").asString()), System.err);
                    }
                    result.put("first_eta_s" + suffix, round(accuracy.firstEtaSeconds()));
                    result.put("eta_error_at_10pct" + suffix, round(accuracy.errorAtTenth()));
                    result.put("eta_max_error_after_10pct" + suffix, round(accuracy.maxErrorAfterTenth()));
                    if ("records".equals(events) && modes.stream().anyMatch(m -> m.trim().equals("none"))) {
                        // the least an announced import costs here (EventsCeiling), before the next mode empties the outbox
                        if (!EventsCeiling.awaitPublished(bench, Duration.ofMinutes(2))) {
                            // the local bus holds every message in memory: millions choke it (ElasticMQ's receives
                            // time out). No ceiling then, and the rest is dropped so the next mode runs alone
                            long dropped = EventsCeiling.dropPending(bench);
                            System.err.printf("the relay stalled with %,d events left (the local bus's limit, not"
                                    + " production's): no events ceiling this run%n", dropped);
                            result.put("events_ceiling_skipped_pending", dropped);
                            continue;
                        }
                        double busCpu = CpuAccount.between(cpuBefore, cpu.snapshot()).getOrDefault("local_aws", 0.0);
                        Map.Entry<Double, Long> insert = EventsCeiling.bareInsert(bench);
                        System.err.printf("the events alone: %,d outbox rows inserted bare in %.1f s; the bus took"
                                + " %.1f processor-seconds for them%n", insert.getValue(), insert.getKey(), busCpu);
                        eventsAlone = new double[] {insert.getKey(), busCpu};
                        result.put("events_bare_insert_s", Math.round(insert.getKey() * 10) / 10.0);
                        result.put("events_bus_cpu_s", Math.round(busCpu * 10) / 10.0);
                    }
                }
            }
            result.put("events_modes", String.join(",", importRates.keySet()));
            if (xlsx) {
                importWorkbook(bench, workbook, rows, modes.get(0).trim(), importRates.values().iterator().next(),
                        result);
            }
            // last: the worker is restarted without the history and stays so (starting it once more costs minutes)
            if (List.of(System.getenv().getOrDefault("HISTORY", xlsx ? "on" : "on,off").split(",")).contains("off")) {
                historyOff(bench, csv, rows, warmupRows, modes.get(0).trim(), importRates.values().iterator().next(),
                        ((Number) result.get("apply_rows_per_s")).doubleValue(), result);
            }
            if (importRates.containsKey("records") && importRates.containsKey("none")) {
                result.put("ratio_events_vs_none",
                        Math.round(importRates.get("records") / importRates.get("none") * 1000) / 1000.0);
            }
            if (eventsAlone != null && importRates.containsKey("none")) {
                double ceiling = EventsCeiling.ratio(rows / importRates.get("none"), eventsAlone[0], eventsAlone[1],
                        Runtime.getRuntime().availableProcessors());
                result.put("ratio_events_vs_none_ceiling", Math.round(ceiling * 1000) / 1000.0);
                result.put("ratio_events_vs_none_of_ceiling",
                        Math.round(importRates.get("records") / importRates.get("none") / ceiling * 1000) / 1000.0);
            }
            result.put("worker_heap_limit", heap);
            if (System.getenv("BENCH_STATEMENTS") != null) {
                printTopStatements(bench);
                printTimeline(bench);
            }
            BenchOutput.printResult(JSON.writeValueAsString(result));
        } finally {
            BenchStack.deleteQuietly(csv);
            if (workbook != null) {
                BenchStack.deleteQuietly(workbook);
            }
        }
        System.exit(0);
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 1000) / 1000.0;
    }

    /**
     * HISTORY=on,off: the first EVENTS mode's import once more, into emptied targets, with the worker restarted
     * without the record history. The last import of the run: the worker is left so.
     */
    private static void historyOff(BenchStack bench, Path csv, long rows, long warmupRows, String events,
                                   double importRateOn, double applyRateOn, Map<String, Object> result) throws Exception {
        emptyTheTargets(bench);
        bench.restartWorker(Map.of("bulkimport.history.enabled", "false"));
        // the restarted worker warms up as the first did: compared cold, the history's cost was lost in the JIT's
        // (a run measured 1.204 on over off, the import without history the slower)
        warmUp(bench, warmupRows);
        long start = System.nanoTime();
        JsonNode done = BenchApi.importFile(bench.stack.apiUrl(), bench.stack.token("alice"), "products", csv,
                Map.of("events", events));
        double importRate = rows / ((System.nanoTime() - start) / 1e9);
        double applyRate = rows / applySeconds(bench, done.path("job_id").asString());
        long history = count(bench, "SELECT count(*) FROM record_history");
        if (history != 0) {
            throw new IllegalStateException("the history was off, yet " + history + " changes were recorded");
        }
        System.err.printf("import (events %s, record history off): %,.0f rows/s end to end, apply %,.0f rows/s%n",
                events, importRate, applyRate);
        result.put("import_rows_per_s_history_off", Math.round(importRate));
        result.put("apply_rows_per_s_history_off", Math.round(applyRate));
        result.put("ratio_history_on_vs_off", Math.round(importRateOn / importRate * 1000) / 1000.0);
        result.put("ratio_apply_history_on_vs_off", Math.round(applyRateOn / applyRate * 1000) / 1000.0);
    }

    private static long count(BenchStack bench, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(bench.infra.postgres().jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** FORMAT=xlsx: the same rows from the workbook, after the CSV's import, into emptied targets. */
    private static void importWorkbook(BenchStack bench, Path workbook, long rows, String events, double csvRate,
                                       Map<String, Object> result) throws Exception {
        emptyTheTargets(bench);
        try (HeapWatcher heapWatcher = new HeapWatcher(bench.workerGcLog)) {
            long start = System.nanoTime();
            BenchApi.importFile(bench.stack.apiUrl(), bench.stack.token("alice"), "products", workbook,
                    Map.of("events", events));
            double rate = rows / ((System.nanoTime() - start) / 1e9);
            long created = createdProducts(bench);
            if (created != rows) {
                throw new IllegalStateException("the workbook's import created " + created + " products, expected "
                        + rows);
            }
            System.err.printf("import of the .xlsx (events %s): %,.0f rows/s end to end (CSV: %,.0f)%n", events, rate,
                    csvRate);
            result.put("format", "xlsx");
            result.put("xlsx_file_mb", Math.round(Files.size(workbook) / 1e5) / 10.0);
            result.put("csv_rows_per_s", Math.round(csvRate));
            result.put("xlsx_rows_per_s", Math.round(rate));
            result.put("ratio_xlsx_vs_csv", Math.round(rate / csvRate * 1000) / 1000.0);
            result.put("worker_max_heap_mb_xlsx", Math.round(heapWatcher.maxUsedMb()));
            result.put("worker_max_live_heap_mb_xlsx", Math.round(heapWatcher.maxLiveMb()));
            result.put("worker_full_gcs_xlsx", heapWatcher.fullCollections());
        }
    }

    private static long createdProducts(BenchStack bench) throws Exception {
        try (Connection connection = DriverManager.getConnection(bench.infra.postgres().jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM products")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * A smaller import with every record announced, published to the end, before anything is measured: the modes are
     * then compared on warm JVMs. Measured cold, the first mode paid for compiling the relay's, the local bus's and the
     * queues' code (24 of its 181 CPU-seconds at 300,000 rows, against 4.5 for the next mode).
     */
    private static void warmUp(BenchStack bench, long rows) throws Exception {
        if (rows <= 0) {
            return;
        }
        Path file = ProductCsv.generate(rows);
        try {
            long start = System.nanoTime();
            BenchApi.importFile(bench.stack.apiUrl(), bench.stack.token("alice"), "products", file,
                    Map.of("events", "records"));
            long deadline = System.nanoTime() + java.time.Duration.ofMinutes(5).toNanos();
            while (count(bench, "SELECT count(*) FROM outbox_events WHERE status = 'PENDING'") > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the warm-up import's events were not published within 5 minutes");
                }
                Thread.sleep(200);
            }
            System.err.printf("warm-up: %,d rows imported and announced in %.1f s%n", rows,
                    (System.nanoTime() - start) / 1e9);
        } finally {
            BenchStack.deleteQuietly(file);
        }
        emptyTheTargets(bench);
    }

    /**
     * Each mode imports the same file as new records: the products (and anything pointing at them) and the
     * outbox the earlier mode left are emptied first, and vacuumed, so no mode inherits another's rows.
     */
    private static void emptyTheTargets(BenchStack bench) throws Exception {
        try (Connection connection = DriverManager.getConnection(bench.infra.postgres().jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE products, outbox_events, record_history CASCADE");
            statement.execute("VACUUM ANALYZE products");
            statement.execute("VACUUM ANALYZE outbox_events");
        }
    }

    /** The baseline: the file's columns and its unique keys. */
    private static final String BASELINE_TABLE = """
            CREATE TABLE bench_copy (sku text, barcode text, name text, brand text, category text,
                                     description text, image_url_1 text, weight numeric);
            CREATE UNIQUE INDEX ON bench_copy (sku);
            CREATE UNIQUE INDEX ON bench_copy (barcode)""";

    /**
     * The database's own bulk load into the table we really write: products' columns, generated score
     * and all six of its indexes (the three lookups', the read API's two, the primary key). The name +
     * brand key is generated here, as the import computes one per row.
     */
    private static String productsLike(String table) {
        return """
                CREATE TABLE %1$s (LIKE products INCLUDING ALL);
                ALTER TABLE %1$s ALTER tenant SET DEFAULT 'bench', DROP COLUMN name_brand_key,
                    ADD COLUMN name_brand_key text GENERATED ALWAYS AS (lower(coalesce(brand, '')) || '#' || lower(name)) STORED;
                CREATE INDEX ON %1$s (name_brand_key, tenant)""".formatted(table);
    }

    private static double rawCopy(BenchStack bench, Path csv, long rows, String ddl, String table) throws Exception {
        try (Connection connection = DriverManager.getConnection(bench.infra.postgres().jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.execute(ddl);
            long start = System.nanoTime();
            try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                long copied = connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY " + table + " (" + ProductCsv.HEADER + ") FROM STDIN (FORMAT csv, HEADER true)", reader);
                if (copied != rows) {
                    throw new IllegalStateException("COPY took " + copied + " rows, expected " + rows);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            statement.execute("DROP TABLE " + table);
            return rows / seconds;
        }
    }

    /**
     * BENCH_DROP_INDEXES=a,b: a diagnosis, not a configuration. Drops those indexes of the target tables
     * before the import, to see what maintaining each costs the apply.
     */
    private static void dropIndexes(BenchStack bench, String names) throws Exception {
        if (names.isBlank()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(bench.infra.postgres().jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            for (String name : names.split(",")) {
                statement.execute("DROP INDEX " + name.trim());
                System.err.println("dropped index " + name.trim() + " (BENCH_DROP_INDEXES)");
            }
        }
    }

    /**
     * BENCH_DISABLE_OUTBOX_TRIGGERS=outbox_events_fan_out: a diagnosis, not a configuration. What the outbox's
     * triggers (the webhook and mail fan-out, the relay's NOTIFY) cost the apply when records are announced.
     */
    private static void disableOutboxTriggers(BenchStack bench, String names) throws Exception {
        if (names.isBlank()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(bench.infra.postgres().jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            for (String name : names.split(",")) {
                statement.execute("ALTER TABLE outbox_events DISABLE TRIGGER " + name.trim());
                System.err.println("disabled trigger " + name.trim() + " (BENCH_DISABLE_OUTBOX_TRIGGERS)");
            }
        }
    }

    static double applySeconds(BenchStack bench, String jobId) throws Exception {
        try (Connection connection = DriverManager.getConnection(bench.infra.postgres().jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT extract(epoch FROM completed_at - apply_started_at)"
                     + " FROM import_jobs WHERE id = '" + jobId + "'")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    /** With BENCH_STATEMENTS set: where PostgreSQL spent its time (pg_stat_statements), on stderr. */
    static void printTopStatements(BenchStack bench) throws Exception {
        try (Connection connection = DriverManager.getConnection(bench.infra.postgres().jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            try (ResultSet rs = statement.executeQuery("SELECT calls, round(total_exec_time) AS ms,"
                    + " left(regexp_replace(query, '\\s+', ' ', 'g'), 140) AS q FROM pg_stat_statements"
                    + " ORDER BY total_exec_time DESC LIMIT 20")) {
                while (rs.next()) {
                    System.err.printf("%7d %8d ms  %s%n", rs.getLong(1), rs.getLong(2), rs.getString(3));
                }
            }
        }
    }

    private static void printTimeline(BenchStack bench) throws Exception {
        try (Connection connection = DriverManager.getConnection(bench.infra.postgres().jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT j.started_at::time(3), j.apply_started_at::time(3), j.completed_at::time(3),
                            (SELECT min(published_at)::time(3) || ' .. ' || max(published_at)::time(3) FROM outbox_events
                              WHERE type = 'IMPORT_BATCH_READY'),
                            (SELECT min(updated_at)::time(3) || ' .. ' || max(updated_at)::time(3) FROM import_batches)
                     FROM import_jobs j""")) {
            while (rs.next()) {
                System.err.printf("started %s, ingest done %s, completed %s; batch events published %s;"
                        + " batches applied %s%n", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5));
            }
        }
    }

}
