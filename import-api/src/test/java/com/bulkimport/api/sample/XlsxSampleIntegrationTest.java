package com.bulkimport.api.sample;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workbook's sample through the API: its sheets with their sizes, the chosen sheet's typed cells as text
 * and the suggested mapping; a workbook that cannot be read is a 422 problem detail with its reason;
 * the .xlsx template reads back as the CSV template's header and example row.
 */
class XlsxSampleIntegrationTest extends ApiIntegrationTest {

    private String uploaded(String kind, byte[] file, Map<String, Object> options) {
        JsonHttp.Response created = http().postJson("/api/imports", Map.of("kind", kind, "file_name", "book.xlsx",
                "content_length", file.length, "options", options));
        assertThat(created.status()).isEqualTo(201);
        http().putBytes(created.json().path("upload").path("url").asString(), file, Map.of());
        return created.json().path("job_id").asString();
    }

    /** "Cover" (text only), a hidden "Old prices", and "Products" with 25 typed rows. */
    private static byte[] catalogue() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet cover = workbook.createSheet("Cover");
            cover.createRow(0).createCell(0).setCellValue("Catalogue 2024");
            Sheet old = workbook.createSheet("Old prices");
            old.createRow(0).createCell(0).setCellValue("sku");
            old.createRow(1).createCell(0).setCellValue("X-1");
            workbook.setSheetVisibility(1, SheetVisibility.HIDDEN);
            Sheet products = workbook.createSheet("Products");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy hh:mm"));
            Row header = products.createRow(0);
            String[] names = {"SKU", "Product name", "Category", "EAN", "Weight", "Listed"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            for (int n = 1; n <= 25; n++) {
                Row row = products.createRow(n);
                row.createCell(0).setCellValue("P-" + n);
                row.createCell(1).setCellValue("Product " + n);
                row.createCell(2).setCellValue("Pantry");
                row.createCell(3).setCellValue(4006381333931d);
                row.createCell(4).setCellValue(n * 0.25);
                row.createCell(5).setCellValue(LocalDateTime.of(2024, 3, n, 9, 30));
                row.getCell(5).setCellStyle(date);
            }
            return bytes(workbook);
        }
    }

    @Test
    void listsTheSheetsWithTheirSizesAndSamplesTheFirstVisibleOneWithItsTypedCells() throws IOException {
        String jobId = uploaded("products", catalogue(), Map.of("sheet", "products"));

        JsonHttp.Response response = http().get("/api/imports/" + jobId + "/sample");

        assertThat(response.status()).isEqualTo(200);
        JsonNode sample = response.json();
        assertThat(sample.path("file_format").asString()).isEqualTo("xlsx");
        assertThat(sample.path("sheet").asString()).isEqualTo("Products");
        assertThat(sample.path("sheets").toString()).isEqualTo("[{\"position\":1,\"name\":\"Cover\","
                + "\"visibility\":\"visible\",\"rows\":0},{\"position\":2,\"name\":\"Old prices\","
                + "\"visibility\":\"hidden\",\"rows\":1},{\"position\":3,\"name\":\"Products\","
                + "\"visibility\":\"visible\",\"rows\":25}]");
        assertThat(sample.path("header").toString())
                .isEqualTo("[\"SKU\",\"Product name\",\"Category\",\"EAN\",\"Weight\",\"Listed\"]");
        assertThat(sample.path("records")).hasSize(20);
        assertThat(sample.path("records").get(0).toString())
                .isEqualTo("[\"P-1\",\"Product 1\",\"Pantry\",\"4006381333931\",\"0.25\",\"2024-03-01T09:30:00\"]");
        assertThat(sample.path("truncated").asBoolean()).isTrue();
        assertThat(sample.path("delimiter").isNull()).isTrue();
        assertThat(sample.path("suggested_mapping").path("SKU").asString()).isEqualTo("sku");
        assertThat(sample.path("suggested_mapping").path("Product name").asString()).isEqualTo("name");
        assertThat(sample.path("missing_required")).isEmpty();
    }

    @Test
    void withoutTheOptionTheFirstVisibleSheetIsSampled() throws IOException {
        String jobId = uploaded("products", catalogue(), Map.of());

        JsonNode sample = http().get("/api/imports/" + jobId + "/sample").json();

        assertThat(sample.path("sheet").asString()).isEqualTo("Cover");
        assertThat(sample.path("header").toString()).isEqualTo("[\"Catalogue 2024\"]");
        assertThat(sample.path("records")).isEmpty();
        assertThat(sample.path("missing_required").toString()).isEqualTo("[\"name\",\"category\"]");
    }

    @Test
    void aWorkbookThatCannotBeReadIsA422ProblemDetailWithItsReason() throws Exception {
        byte[] good = catalogue();
        assertRefused(uploaded("products", Arrays.copyOf(good, good.length / 2), Map.of()), "BAD_XLSX",
                "the file is a ZIP archive but not a readable Excel workbook (.xlsx)");
        assertRefused(uploaded("products", encrypted(good), Map.of()), "WORKBOOK_ENCRYPTED",
                "the workbook is protected with a password");
        assertRefused(uploaded("products", good, Map.of("sheet", "Prices")), "SHEET_NOT_FOUND",
                "the workbook has no sheet 'Prices'; its sheets are: Cover, Old prices (hidden), Products");
    }

    private void assertRefused(String jobId, String code, String detailStart) {
        JsonHttp.Response response = http().get("/api/imports/" + jobId + "/sample");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo(code);
        assertThat(response.json().path("detail").asString()).startsWith(detailStart).doesNotContain("/tmp/");
    }

    @Test
    void aSheetNameLongerThanExcelAllowsIsRefusedWhenTheJobIsCreated() {
        JsonHttp.Response created = http().postJson("/api/imports", Map.of("kind", "products", "file_name", "b.xlsx",
                "content_length", 100, "options", Map.of("sheet", "x".repeat(32))));

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.json().toString()).contains("options.sheet must be a sheet's name (at most 31 characters)");
    }

    @Test
    void theXlsxTemplateHoldsTheCsvTemplatesHeaderAndExampleRowAsText() throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/api/templates/products.xlsx")).build(), HttpResponse.BodyHandlers.ofByteArray());
        String csv = http().get("/api/templates/products.csv").body().replace("\uFEFF", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow()).contains("products-template.xlsx");
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            assertThat(workbook.getSheetName(0)).isEqualTo("products");
            DataFormatter shown = new DataFormatter();
            for (Row row : workbook.getSheetAt(0)) {
                List<String> cells = new ArrayList<>();
                row.forEach(cell -> cells.add(shown.formatCellValue(cell)));
                rows.add(cells);
            }
            assertThat(workbook.getSheetAt(0).getRow(1).getCell(4).getCellType())
                    .as("the example barcode is text, never a number Excel would round")
                    .isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
        }
        List<List<String>> expected = new ArrayList<>();
        try (de.siegmar.fastcsv.reader.CsvReader<de.siegmar.fastcsv.reader.CsvRecord> reader =
                     de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(csv)) {
            reader.forEach(record -> expected.add(record.getFields()));
        }
        assertThat(rows).isEqualTo(expected);
    }

    private static byte[] encrypted(byte[] xlsx) throws Exception {
        try (org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem()) {
            org.apache.poi.poifs.crypt.Encryptor encryptor = new org.apache.poi.poifs.crypt.EncryptionInfo(
                    org.apache.poi.poifs.crypt.EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("secret");
            try (OutputStream out = encryptor.getDataStream(fs)) {
                out.write(xlsx);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    private static byte[] bytes(XSSFWorkbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        return out.toByteArray();
    }
}
