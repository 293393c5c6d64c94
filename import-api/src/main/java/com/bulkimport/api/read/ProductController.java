package com.bulkimport.api.read;

import com.bulkimport.api.caller.CurrentCaller;
import com.bulkimport.api.importjob.ImportLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Products of the caller's tenant: by {@code sku}, by {@code barcode} (both exact, on their unique
 * indexes) or by {@code q}, words that name and brand start with (full-text, the V6 GIN index).
 */
@RestController
@Tag(name = "read API")
class ProductController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int MAX_WORDS = 8;
    static final String SEARCH = "to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(brand, ''))";
    private static final String FILTER = """
            WHERE tenant = :tenant AND (:sku::text IS NULL OR sku = :sku)
              AND (:barcode::text IS NULL OR barcode = :barcode)
              AND (:q::text IS NULL OR %s @@ to_tsquery('simple', :q))""".formatted(SEARCH)
            + ReadLimits.changedBy("products");

    private final JdbcClient jdbc;
    private final CurrentCaller caller;
    private final int maxPageSize;
    private final ImageLinks imageLinks;

    ProductController(JdbcClient jdbc, CurrentCaller caller, ImportLimits limits, ImageLinks imageLinks) {
        this.imageLinks = imageLinks;
        this.jdbc = jdbc;
        this.caller = caller;
        this.maxPageSize = limits.pageSizeMax();
    }

    record Product(long id, String sku, String barcode, String name, String brand, String category, String description,
                   List<String> imageUrls, String size, String unit, BigDecimal weight, Integer packSize,
                   String manufacturer, String countryOfOrigin, String ingredients, JsonNode nutrition,
                   JsonNode regionalNames, Integer qualityScore, String imageHash,
                   List<ImageLinks.ProductImage> images) {
    }

    @Operation(summary = "Products, searched by name, barcode or SKU, or filtered by the import that changed them")
    @GetMapping(path = "/api/products", produces = MediaType.APPLICATION_JSON_VALUE)
    Page<Product> search(@RequestParam(required = false) String q, @RequestParam(required = false) String barcode,
                         @RequestParam(required = false) String sku,
                         @Parameter(description = "an import's id: what it created or changed")
                         @RequestParam(name = "job_id", required = false) java.util.UUID jobId,
                         @RequestParam(defaultValue = "0") int page,
                         @RequestParam(defaultValue = "20") int size) {
        Page.check(page, size, maxPageSize);
        String tenant = caller.get().tenant();
        String words = ReadLimits.filter("q", q);
        String query = words == null ? null : prefixQuery(words);
        if (words != null && query == null) {
            return Page.of(List.of(), page, size, 0);
        }
        String skuFilter = ReadLimits.filter("sku", sku);
        String barcodeFilter = ReadLimits.filter("barcode", barcode);
        List<Product> items = jdbc.sql("SELECT * FROM products " + FILTER + " ORDER BY lower(name), id"
                        + " LIMIT :limit OFFSET :offset")
                .param("tenant", tenant).param("sku", skuFilter).param("barcode", barcodeFilter).param("q", query).param("job", jobId)
                .param("limit", size).param("offset", (long) page * size)
                .query(this::product).list();
        long total = jdbc.sql("SELECT count(*) FROM products " + FILTER)
                .param("tenant", tenant).param("sku", skuFilter).param("barcode", barcodeFilter).param("q", query)
                .param("job", jobId).query(Long.class).single();
        return Page.of(items, page, size, total);
    }

    /** Letters and digits only, each a prefix: {@code "choc milk"} finds "Chocolate Milk Drink". */
    static String prefixQuery(String words) {
        List<String> terms = new ArrayList<>();
        Matcher matcher = WORD.matcher(words.toLowerCase(java.util.Locale.ROOT));
        while (matcher.find() && terms.size() < MAX_WORDS) {
            terms.add(matcher.group() + ":*");
        }
        return terms.isEmpty() ? null : String.join(" & ", terms);
    }

    /** {@code image_urls}: the URLs the files named; {@code images}: those fetched and stored, with links to each size. */
    private Product product(ResultSet rs, int row) throws SQLException {
        List<String> images = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String url = rs.getString("image_url_" + i);
            if (url != null) {
                images.add(url);
            }
        }
        return new Product(rs.getLong("id"), rs.getString("sku"), rs.getString("barcode"), rs.getString("name"),
                rs.getString("brand"), rs.getString("category"), rs.getString("description"), images,
                rs.getString("size"), rs.getString("unit"), rs.getBigDecimal("weight"),
                RestaurantQueries.integer(rs, "pack_size"), rs.getString("manufacturer"),
                rs.getString("country_of_origin"), rs.getString("ingredients"), json(rs.getString("nutrition")),
                json(rs.getString("regional_names")), RestaurantQueries.integer(rs, "quality_score"),
                rs.getString("image_hash"), imageLinks.of(json(rs.getString("images"))));
    }

    private static JsonNode json(String text) {
        return text == null ? null : JSON.readTree(text);
    }
}
