package com.bulkimport.engine.staging;

import com.bulkimport.engine.job.JobRef;
import com.bulkimport.engine.testing.EngineDatabase;
import com.bulkimport.engine.testing.TestJobs;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.JobStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In-file duplicates marked a few batches at a time while the file is still read ({@link
 * InFileDuplicates#markReleased}), each range's staged rows deleted once marked, as an applied batch's are: the
 * marks are those of the rules over the whole file, worked out here row by row from the keys. Keys drawn from small
 * sets, so most repeat, many rows hold several, and some rows repeat one key hundreds of times.
 */
class ReleasedDuplicatesIntegrationTest {

    private static final int ROWS = 3_000;
    private static final int BATCH = 50;

    private final EngineDatabase db = EngineDatabase.shared();
    private final TestJobs jobs = new TestJobs(db);

    /** A staged product row's keys; null where the file left the column empty. */
    private record ProductKeys(String sku, String barcode, String nameBrand) {
    }

    @Test
    void productsMarkedBatchByBatchAreMarkedAsTheRulesSayOverTheWholeFile() {
        Random random = new Random(20261206);
        List<ProductKeys> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(new ProductKeys(random.nextInt(10) < 3 ? null : "S" + random.nextInt(900),
                    random.nextInt(10) < 4 ? null : "B" + random.nextInt(700),
                    // one name + brand on a tenth of the rows: a key repeated three hundred times
                    random.nextInt(10) == 0 ? "acme#tea" : "brand#" + random.nextInt(1_500)));
        }
        JobRef job = jobs.insert(ImportKind.PRODUCTS, ImportMode.COMMIT, JobStatus.INGESTING);
        db.jdbc.sql("INSERT INTO staging_products (job_id, row_number, batch_seq, match_key, name_brand_key, name,"
                        + " category, sku, barcode) SELECT :job, r.n, (r.n - 1) / :batch,"
                        + " coalesce(r.sku, r.barcode, r.nb), r.nb, 'n', 'c', r.sku, r.barcode"
                        + " FROM unnest(:skus, :barcodes, :nbs) WITH ORDINALITY AS r(sku, barcode, nb, n)")
                .param("job", job.id()).param("batch", BATCH)
                .param("skus", rows.stream().map(ProductKeys::sku).toArray(String[]::new))
                .param("barcodes", rows.stream().map(ProductKeys::barcode).toArray(String[]::new))
                .param("nbs", rows.stream().map(ProductKeys::nameBrand).toArray(String[]::new)).update();

        Map<Long, Long> marked = releaseInRandomRanges(StagingTable.of(ImportKind.PRODUCTS), job, random);

        assertThat(marked).isEqualTo(expectedProductDuplicates(rows)).isNotEmpty();
    }

    @Test
    void recordsOfOtherKindsAreMarkedByTheirMatchKey() {
        Random random = new Random(6122026);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            keys.add(random.nextInt(4) == 0 ? "C-common" : "C" + random.nextInt(2_000));
        }
        JobRef job = jobs.insert(ImportKind.CUSTOMERS, ImportMode.COMMIT, JobStatus.INGESTING);
        db.jdbc.sql("INSERT INTO staging_customers (job_id, row_number, batch_seq, match_key, customer_ref, name)"
                        + " SELECT :job, r.n, (r.n - 1) / :batch, r.k, r.k, 'n' FROM unnest(:keys) WITH ORDINALITY AS r(k, n)")
                .param("job", job.id()).param("batch", BATCH).param("keys", keys.toArray(String[]::new)).update();

        Map<Long, Long> marked = releaseInRandomRanges(StagingTable.of(ImportKind.CUSTOMERS), job, random);

        Map<String, Long> first = new HashMap<>();
        Map<Long, Long> expected = new TreeMap<>();
        for (int i = 0; i < ROWS; i++) {
            Long earlier = first.putIfAbsent(keys.get(i), i + 1L);
            if (earlier != null) {
                expected.put(i + 1L, earlier);
            }
        }
        assertThat(marked).isEqualTo(expected);
    }

    /**
     * Releases the job's batches in file order, one to five at a time, and deletes each range's staged rows once
     * marked. @return every row marked (row → the row it repeats), from the DUPLICATE_IN_FILE messages too
     */
    private Map<Long, Long> releaseInRandomRanges(StagingTable table, JobRef job, Random random) {
        Map<Long, Long> marked = new TreeMap<>();
        int batches = ROWS / BATCH;
        long messages = 0;
        for (int from = 0; from < batches; ) {
            int to = Math.min(batches, from + 1 + random.nextInt(5));
            int fromSeq = from;
            messages += db.tx.execute(s -> InFileDuplicates.markReleased(db.jdbc, table, job.id(), fromSeq, to));
            db.jdbc.sql("SELECT row_number, duplicate_of FROM " + table.name() + " WHERE job_id = :job"
                            + " AND batch_seq >= :from AND batch_seq < :to AND duplicate_of IS NOT NULL")
                    .param("job", job.id()).param("from", from).param("to", to)
                    .query((rs, n) -> marked.put(rs.getLong(1), rs.getLong(2))).list();
            db.jdbc.sql("DELETE FROM " + table.name() + " WHERE job_id = :job AND batch_seq >= :from AND batch_seq < :to")
                    .param("job", job.id()).param("from", from).param("to", to).update();
            from = to;
        }
        assertThat(messages).as("DUPLICATE_IN_FILE messages").isEqualTo(marked.size());
        assertThat(db.jdbc.sql("SELECT count(*) FROM import_row_errors WHERE job_id = :job AND code = 'DUPLICATE_IN_FILE'")
                .param("job", job.id()).query(Long.class).single()).isEqualTo(marked.size());
        return marked;
    }

    /**
     * The rules, row by row: a row repeats the first row with its sku, or its barcode; a row with neither repeats
     * the first row with its name + brand, whatever that row had; the earliest of those wins.
     */
    private static Map<Long, Long> expectedProductDuplicates(List<ProductKeys> rows) {
        Map<String, Long> firstSku = new HashMap<>();
        Map<String, Long> firstBarcode = new HashMap<>();
        Map<String, Long> firstNameBrand = new HashMap<>();
        Map<Long, Long> expected = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            ProductKeys row = rows.get(i);
            long number = i + 1L;
            long earliest = number;
            if (row.sku() != null) {
                earliest = Math.min(earliest, firstSku.computeIfAbsent(row.sku(), k -> number));
            }
            if (row.barcode() != null) {
                earliest = Math.min(earliest, firstBarcode.computeIfAbsent(row.barcode(), k -> number));
            }
            long nameBrand = firstNameBrand.computeIfAbsent(row.nameBrand(), k -> number);
            if (row.sku() == null && row.barcode() == null) {
                earliest = Math.min(earliest, nameBrand);
            }
            if (earliest < number) {
                expected.put(number, earliest);
            }
        }
        return expected;
    }
}
