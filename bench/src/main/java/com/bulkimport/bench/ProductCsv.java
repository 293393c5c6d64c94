package com.bulkimport.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A product file of about 200 bytes a row, every row valid and unique (sku, GTIN-13 barcode). */
final class ProductCsv {

    static final String HEADER = "sku,barcode,name,brand,category,description,image_url_1,weight";
    private static final String[] BRANDS = {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne"};
    private static final String[] CATEGORIES = {"Snacks", "Beverages", "Dairy", "Bakery", "Frozen", "Pantry"};

    private ProductCsv() {
    }

    static Path generate(long rows) throws IOException {
        return generate(rows, 1, "family size");
    }

    /** Rows numbered from {@code first}: files with distinct ranges share no sku and no barcode. */
    static Path generate(long rows, long first) throws IOException {
        return generate(rows, first, "family size");
    }

    /** The same products (sku, barcode) with another size in each name: imported after the first, it updates each. */
    static Path generate(long rows, String size) throws IOException {
        return generate(rows, 1, size);
    }

    static Path generate(long rows, long first, String size) throws IOException {
        Path file = Files.createTempFile("bench-products-", ".csv");
        Random random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (long i = first; i < first + rows; i++) {
                String brand = BRANDS[(int) (i % BRANDS.length)];
                out.write("SKU-" + i + "," + gtin13(i) + ",\"" + brand + " product " + i + ", " + size + "\"," + brand + ","
                        + CATEGORIES[(int) (i % CATEGORIES.length)] + ",Quality product number " + i
                        + " with natural ingredients and no added sugar,https://img.example.com/p/" + i + ".jpg,"
                        + (100 + random.nextInt(900)) + "\n");
            }
        }
        return file;
    }

    /** "20" (in-store numbers) + ten digits of {@code n} + the GS1 check digit. */
    static String gtin13(long n) {
        String body = "20" + String.format("%010d", n);
        int sum = 0;
        for (int i = body.length() - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
            sum += (body.charAt(i) - '0') * weight;
        }
        return body + (10 - sum % 10) % 10;
    }
}
