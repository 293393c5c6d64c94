package com.bulkimport.bench;

import com.bulkimport.model.spec.Gtin;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bench/import-throughput compares COPY with an import of the same file: a row the import refuses (a bad
 * check digit, a repeated sku) would be cheap work for the import and make it look faster than it is.
 */
class ProductCsvUnitTest {

    @Test
    void everyRowHasAUniqueSkuAndAValidGtin13() throws Exception {
        Path file = ProductCsv.generate(5_000);
        try {
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(5_001).first().isEqualTo(ProductCsv.HEADER);
            Set<String> skus = new HashSet<>();
            Set<String> barcodes = new HashSet<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", 3);
                assertThat(skus.add(cells[0])).as("sku %s unique", cells[0]).isTrue();
                assertThat(barcodes.add(cells[1])).as("barcode %s unique", cells[1]).isTrue();
                assertThat(cells[1]).hasSize(13);
                assertThat(Gtin.checkDigitValid(cells[1])).as("check digit of %s", cells[1]).isTrue();
            }
        } finally {
            BenchStack.deleteQuietly(file);
        }
    }
}
