package com.bulkimport.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The generated product CSV's rows as one .xlsx sheet, written with POI's streaming writer (100 rows in
 * memory): text cells as text (the barcode too, as a user who formats the column as text has it), the
 * weight a number, so the reader meets both cell types.
 */
final class ProductXlsx {

    private ProductXlsx() {
    }

    static Path fromCsv(Path csv) throws IOException {
        Path file = Files.createTempFile("bench-products-", ".xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100);
             CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv, StandardCharsets.UTF_8);
             OutputStream out = Files.newOutputStream(file)) {
            workbook.setCompressTempFiles(true);
            Sheet sheet = workbook.createSheet("Products");
            int r = 0;
            int weight = List.of(ProductCsv.HEADER.split(",")).indexOf("weight");
            for (CsvRecord record : reader) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < record.getFieldCount(); c++) {
                    if (r > 0 && c == weight) {
                        row.createCell(c).setCellValue(Double.parseDouble(record.getField(c)));
                    } else {
                        row.createCell(c).setCellValue(record.getField(c));
                    }
                }
                r++;
            }
            workbook.write(out);
            workbook.dispose();
        } catch (IOException | RuntimeException e) {
            BenchStack.deleteQuietly(file);
            throw e;
        }
        return file;
    }
}
