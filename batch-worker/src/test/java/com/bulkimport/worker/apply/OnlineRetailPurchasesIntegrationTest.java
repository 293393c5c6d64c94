package com.bulkimport.worker.apply;

import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.local.embedded.testkit.Datasets;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real UCI "Online Retail" file (its first nine days, about 22,000 lines, uploaded gzipped as it came:
 * float customer ids, refunds, identical lines, invoices with two timestamps), with the customers and
 * products it names imported first. What the worker writes is held against what this test computes from
 * the file by itself.
 */
class OnlineRetailPurchasesIntegrationTest extends WorkerIntegrationTest {

    private static final String UNTIL = "2010-12-10";
    private static byte[] purchasesGz;
    private static byte[] purchasesXlsx;
    private static Expected expected;
    private static Map<String, String> productNames;
    private static Set<String> customers;

    /** What the file holds, counted here: transactions, written lines, identical repeats, money. */
    private record Expected(int lines, int transactions, int items, int identicalLines, BigDecimal total,
                            int refunds) {
    }

    @BeforeAll
    static void readTheFile() throws IOException {
        StringBuilder subset = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(Datasets.file("purchases/online_retail.csv.gz"))), StandardCharsets.UTF_8))) {
            subset.append(reader.readLine()).append('\n');
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (dateOf(line).compareTo(UNTIL) >= 0) {
                    break; // the file is in date order: the first nine days are a prefix
                }
                subset.append(line).append('\n');
            }
        }
        Set<List<String>> distinct = new HashSet<>();
        Set<String> invoices = new HashSet<>();
        // a refund: a C- invoice, or one whose every line takes goods back
        Map<String, Boolean> refund = new LinkedHashMap<>();
        productNames = new LinkedHashMap<>();
        customers = new java.util.TreeSet<>();
        BigDecimal total = BigDecimal.ZERO;
        int lines = 0;
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(subset.toString())) {
            for (NamedCsvRecord r : csv) {
                lines++;
                String description = r.getField("Description").strip();
                String customer = r.getField("CustomerID").strip();
                BigDecimal price = new BigDecimal(r.getField("UnitPrice"));
                int quantity = Integer.parseInt(r.getField("Quantity"));
                // the line as the importer compares lines: trimmed text, numbers by value
                List<String> key = List.of(r.getField("InvoiceNo"), r.getField("StockCode"), Integer.toString(quantity),
                        price.stripTrailingZeros().toPlainString(), description, r.getField("InvoiceDate"), customer);
                if (distinct.add(key)) {
                    total = total.add(price.multiply(BigDecimal.valueOf(quantity)));
                }
                invoices.add(r.getField("InvoiceNo"));
                refund.merge(r.getField("InvoiceNo"), r.getField("InvoiceNo").startsWith("C") || quantity < 0,
                        (before, line) -> r.getField("InvoiceNo").startsWith("C") || before && line);
                if (!description.isEmpty()) {
                    productNames.putIfAbsent(r.getField("StockCode"), description);
                } else {
                    productNames.putIfAbsent(r.getField("StockCode"), null);
                }
                if (!customer.isEmpty()) {
                    customers.add(customer);
                }
            }
        }
        productNames.replaceAll((sku, name) -> name == null ? "Item " + sku : name);
        expected = new Expected(lines, invoices.size(), distinct.size(), lines - distinct.size(), total,
                (int) refund.values().stream().filter(Boolean::booleanValue).count());
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(subset.toString().getBytes(StandardCharsets.UTF_8));
        }
        purchasesGz = zipped.toByteArray();
        purchasesXlsx = workbook(subset.toString());
    }

    /**
     * The same lines as a workbook, each cell typed as Excel would hold it: quantities and prices numbers,
     * the invoice date a date-time cell; ids stay text (CustomerID too, as its CSV spells it: "17850.0").
     */
    private static byte[] workbook(String csv) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        try (CsvReader<de.siegmar.fastcsv.reader.CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            for (de.siegmar.fastcsv.reader.CsvRecord r : reader) {
                if (rows.isEmpty()) {
                    rows.add(new ArrayList<>(r.getFields()));
                    continue;
                }
                List<Object> row = new ArrayList<>();
                row.add(r.getField(0));
                row.add(r.getField(1));
                row.add(r.getField(2).isEmpty() ? null : r.getField(2));
                row.add(Integer.parseInt(r.getField(3)));
                row.add(java.time.LocalDateTime.parse(r.getField(4).replace(' ', 'T')));
                row.add(new BigDecimal(r.getField(5)).doubleValue());
                row.add(r.getField(6).isEmpty() ? null : r.getField(6));
                row.add(r.getField(7));
                rows.add(row);
            }
        }
        return com.bulkimport.worker.ingest.TestWorkbooks.xlsx("Online Retail", rows);
    }

    private static String dateOf(String line) {
        // InvoiceDate is the fifth field; descriptions may hold quoted commas, so parse the line
        try (CsvReader<de.siegmar.fastcsv.reader.CsvRecord> csv = CsvReader.builder().ofCsvRecord(line)) {
            return csv.stream().findFirst().orElseThrow().getField(4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] csv(List<String> header, List<List<String>> rows) {
        StringWriter text = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().build(text)) {
            writer.writeRecord(header);
            rows.forEach(writer::writeRecord);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void importCatalogue(String leaveOutSku) {
        List<List<String>> people = customers.stream().map(ref -> List.of(ref, "Customer " + ref)).toList();
        assertThat(counts(importFile("customers", csv(List.of("customer_ref", "name"), people), "{}")).created())
                .isEqualTo((long) customers.size());
        List<List<String>> items = new ArrayList<>();
        productNames.forEach((sku, name) -> {
            if (!sku.equals(leaveOutSku)) {
                items.add(List.of(sku, name, "Retail"));
            }
        });
        UUID products = importFile("products", csv(List.of("sku", "name", "category"), items), "{\"batch_size\": 5000}");
        assertThat(counts(products).created()).isEqualTo((long) items.size());
    }

    private UUID importPurchases() {
        return importFile("purchases", purchasesGz, "{\"batch_size\": 5000}");
    }

    @Test
    void everyTransactionAndLineOfTheFileIsWrittenOnceAndTheSecondImportIsAllDuplicates() {
        importCatalogue(null);

        UUID first = importPurchases();

        assertThat(counts(first)).isEqualTo(new JobCounts((long) expected.transactions(), 0L, 0L, (long) expected.identicalLines(),
                0L, (long) expected.lines(), "COMPLETED"));
        assertThat(job(first)).containsEntry("item_count", (long) expected.items());
        Map<String, Object> written = jdbc.sql("""
                        SELECT count(DISTINCT p.id) AS purchases, count(i.id) AS items, sum(i.amount)::text AS total,
                               count(DISTINCT p.id) FILTER (WHERE p.is_refund) AS refunds,
                               count(DISTINCT p.id) FILTER (WHERE p.customer_id IS NOT NULL) AS linked,
                               count(i.id) FILTER (WHERE i.product_id IS NULL) AS unlinked_items
                        FROM purchases p JOIN purchase_items i ON i.purchase_id = p.id WHERE p.tenant = :t""")
                .param("t", tenant).query().singleRow();
        assertThat(written).containsEntry("purchases", (long) expected.transactions())
                .containsEntry("items", (long) expected.items())
                .containsEntry("refunds", (long) expected.refunds())
                .containsEntry("unlinked_items", 0L);
        assertThat(new BigDecimal((String) written.get("total"))).isEqualByComparingTo(expected.total());
        assertThat(jdbc.sql("SELECT count(*) FROM purchases WHERE tenant = :t AND customer_ref IS NOT NULL"
                        + " AND customer_id IS NULL").param("t", tenant).query(Long.class).single())
                .as("every customer named is linked").isZero();

        UUID again = importPurchases();

        assertThat(counts(again)).isEqualTo(new JobCounts(0L, 0L, 0L, (long) expected.transactions() + expected.identicalLines(),
                0L, (long) expected.lines(), "COMPLETED"));
        assertThat(jdbc.sql("SELECT count(*) FROM purchases WHERE tenant = :t").param("t", tenant)
                .query(Long.class).single()).isEqualTo(expected.transactions());
    }

    /** The file as a workbook writes exactly what the CSV writes: the same transactions, lines and money. */
    @Test
    void theSameLinesAsAnXlsxWorkbookWriteTheSamePurchases() {
        importCatalogue(null);

        UUID jobId = importFile("purchases", purchasesXlsx, "{\"batch_size\": 5000}");

        assertThat(job(jobId)).containsEntry("file_format", "xlsx").containsEntry("sheet", "Online Retail");
        assertThat(counts(jobId)).isEqualTo(new JobCounts((long) expected.transactions(), 0L, 0L,
                (long) expected.identicalLines(), 0L, (long) expected.lines(), "COMPLETED"));
        assertThat(job(jobId)).containsEntry("item_count", (long) expected.items());
        Map<String, Object> written = jdbc.sql("""
                        SELECT count(DISTINCT p.id) AS purchases, count(i.id) AS items, sum(i.amount)::text AS total,
                               count(DISTINCT p.id) FILTER (WHERE p.is_refund) AS refunds,
                               count(i.id) FILTER (WHERE i.product_id IS NULL) AS unlinked_items,
                               count(DISTINCT p.id) FILTER (WHERE p.customer_ref IS NOT NULL AND p.customer_id IS NULL)
                                   AS unlinked_customers
                        FROM purchases p JOIN purchase_items i ON i.purchase_id = p.id WHERE p.tenant = :t""")
                .param("t", tenant).query().singleRow();
        assertThat(written).containsEntry("purchases", (long) expected.transactions())
                .containsEntry("items", (long) expected.items())
                .containsEntry("refunds", (long) expected.refunds())
                .containsEntry("unlinked_items", 0L).containsEntry("unlinked_customers", 0L);
        assertThat(new BigDecimal((String) written.get("total"))).isEqualByComparingTo(expected.total());
        assertThat(jdbc.sql("SELECT to_char(min(purchased_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
                + " FROM purchases WHERE tenant = :t").param("t", tenant).query(String.class).single())
                .as("the first invoice's date cell").isEqualTo("2010-12-01 08:26:00");
    }

    @Test
    void oneUnknownSkuFailsTheWholeFileNamingItAndWritesNoPurchase() {
        String missing = "85123A"; // the very first item of the file, on dozens of invoices
        importCatalogue(missing);

        UUID jobId = importPurchases();

        Map<String, Object> job = job(jobId);
        assertThat(job).containsEntry("status", "FAILED").containsEntry("failure_code", "ATOMIC_IMPORT_REFUSED")
                .containsEntry("created_count", 0L);
        assertThat((String) job.get("failure_reason")).contains("unknown skus: " + missing + ";")
                .contains("nothing was imported");
        assertThat(jdbc.sql("SELECT count(*) FROM purchases WHERE tenant = :t").param("t", tenant)
                .query(Long.class).single()).isZero();
        assertThat(stagedRows(jobId, "purchases")).isZero();
    }
}
