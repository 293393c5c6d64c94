package com.bulkimport.bench;

import com.bulkimport.local.embedded.testkit.Datasets;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * bench/purchases: the first {@code LINES} (default 50,000) lines of the real Online Retail file, one line
 * per item, imported end to end (upload → COMPLETED, all or nothing, every customer and sku checked) after
 * the customers and products they name; against a raw COPY of the same lines into a bare table in the same
 * run, and the purchase-import seed's figure (about five minutes for 50,000 lines). Prints one JSON line last.
 */
public final class PurchasesBench {

    /** What the purchase-import seed reports for 50,000 lines. */
    static final double SEED_SECONDS = 300;

    private PurchasesBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOutput.reserve();
        int lines = Integer.parseInt(System.getenv().getOrDefault("LINES", "50000"));
        Path purchases = Files.createTempFile("purchases", ".csv");
        Path customers = Files.createTempFile("customers", ".csv");
        Path products = Files.createTempFile("products", ".csv");
        int transactions = extract(lines, purchases, customers, products);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bulkimport.relay.poll-interval", "50ms");
        settings.put("bulkimport.worker.concurrency", System.getenv().getOrDefault("WORKER_CONCURRENCY", "4"));
        try (BenchStack bench = BenchStack.start(System.getenv().getOrDefault("WORKER_HEAP", "256m"), settings)) {
            double copyRate = rawCopy(bench, purchases, lines);
            String api = bench.stack.apiUrl();
            String token = bench.stack.token("alice");
            BenchApi.importFile(api, token, "customers", customers, Map.of());
            BenchApi.importFile(api, token, "products", products, Map.of("batch_size", 5000));
            System.err.printf("catalogue imported; importing %,d purchase lines...%n", lines);
            long start = System.nanoTime();
            JsonNode done = BenchApi.importFile(api, token, "purchases", purchases, Map.of());
            double seconds = (System.nanoTime() - start) / 1e9;
            JsonNode progress = done.path("progress");
            if (progress.path("created").asLong() != transactions) {
                throw new IllegalStateException("expected " + transactions + " purchases, the import says " + done);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("lines", lines);
            result.put("transactions", transactions);
            result.put("items", progress.path("items").asLong());
            result.put("seconds", Math.round(seconds * 100) / 100.0);
            result.put("lines_per_s", Math.round(lines / seconds));
            result.put("copy_lines_per_s", Math.round(copyRate));
            result.put("ratio_vs_copy", Math.round(lines / seconds / copyRate * 1000) / 1000.0);
            result.put("seed_seconds_for_50k", SEED_SECONDS);
            result.put("speedup_vs_seed", Math.round(SEED_SECONDS * lines / 50_000.0 / seconds * 10) / 10.0);
            BenchOutput.printResult(BenchApi.JSON.writeValueAsString(result));
        } finally {
            for (Path file : List.of(purchases, customers, products)) {
                BenchStack.deleteQuietly(file);
            }
        }
        System.exit(0);
    }

    /** The file's first lines as they are, and the customers and products they name. @return transactions */
    private static int extract(int lines, Path purchases, Path customers, Path products) throws Exception {
        StringBuilder head = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(Datasets.file("purchases/online_retail.csv.gz"))), StandardCharsets.UTF_8))) {
            for (int i = 0; i <= lines; i++) {
                String line = reader.readLine();
                if (line == null) {
                    throw new IllegalStateException("the file has fewer than " + lines + " lines");
                }
                head.append(line).append('\n');
            }
        }
        Files.writeString(purchases, head);
        TreeSet<String> people = new TreeSet<>();
        Map<String, String> items = new LinkedHashMap<>();
        TreeSet<String> invoices = new TreeSet<>();
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(head.toString())) {
            for (NamedCsvRecord r : csv) {
                invoices.add(r.getField("InvoiceNo"));
                if (!r.getField("CustomerID").isBlank()) {
                    people.add(r.getField("CustomerID").strip());
                }
                String description = r.getField("Description").strip();
                items.merge(r.getField("StockCode"), description, (old, now) -> old.isEmpty() ? now : old);
            }
        }
        try (Writer out = Files.newBufferedWriter(customers); CsvWriter writer = CsvWriter.builder().build(out)) {
            writer.writeRecord("customer_ref", "name");
            people.forEach(ref -> writer.writeRecord(ref, "Customer " + ref));
        }
        try (Writer out = Files.newBufferedWriter(products); CsvWriter writer = CsvWriter.builder().build(out)) {
            writer.writeRecord("sku", "name", "category");
            items.forEach((sku, name) -> writer.writeRecord(sku, name.isEmpty() ? "Item " + sku : name, "Retail"));
        }
        return invoices.size();
    }

    private static double rawCopy(BenchStack bench, Path csv, long lines) throws Exception {
        try (Connection connection = DriverManager.getConnection(bench.infra.postgres().jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE bench_purchase_lines (invoice text, sku text, description text, quantity integer,
                                                       purchased_at timestamptz, unit_price numeric, customer text,
                                                       country text)""");
            long start = System.nanoTime();
            try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                long copied = connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY bench_purchase_lines FROM STDIN (FORMAT csv, HEADER true)", reader);
                if (copied != lines) {
                    throw new IllegalStateException("COPY took " + copied + " lines, expected " + lines);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            statement.execute("DROP TABLE bench_purchase_lines");
            return lines / seconds;
        }
    }
}
