package com.bulkimport.api.read;

import com.bulkimport.api.caller.CurrentCaller;
import com.bulkimport.api.importjob.ImportLimits;
import com.bulkimport.api.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A product's stock in each store, as inventory imports left it, of the caller's tenant only. */
@RestController
@Tag(name = "read API")
class InventoryController {

    private final JdbcClient jdbc;
    private final CurrentCaller caller;
    private final int maxPageSize;

    InventoryController(JdbcClient jdbc, CurrentCaller caller, ImportLimits limits) {
        this.jdbc = jdbc;
        this.caller = caller;
        this.maxPageSize = limits.pageSizeMax();
    }

    /**
     * One store's stock of the product.
     *
     * @param updatedAt  when the stock was counted (the file's updated_at): the newest count an import brought
     * @param recordedAt when an import last wrote the record
     */
    record StoreStock(long id, String storeRef, int quantity, BigDecimal price, String currency,
                      @Schema(description = "when the stock was counted: the newest updated_at an inventory file gave")
                      Instant updatedAt,
                      @Schema(description = "when an import last changed this record")
                      Instant recordedAt) {
    }

    @GetMapping(path = "/api/products/{id}/inventory", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A product's stock per store",
            description = "Ordered by store_ref. Another tenant's product is 404.")
    Page<StoreStock> inventory(@PathVariable long id,
                               @Parameter(description = "page number, from 0")
                               @RequestParam(defaultValue = "0") int page,
                               @Parameter(description = "stores per page, 1 to the maximum page size (100 by default)")
                               @RequestParam(defaultValue = "20") int size) {
        Page.check(page, size, maxPageSize);
        String tenant = caller.get().tenant();
        boolean known = jdbc.sql("SELECT EXISTS (SELECT 1 FROM products WHERE id = :id AND tenant = :tenant)")
                .param("id", id).param("tenant", tenant).query(Boolean.class).single();
        if (!known) {
            throw new ProductNotFound(id);
        }
        List<StoreStock> items = jdbc.sql("""
                        SELECT * FROM inventory WHERE product_id = :id AND tenant = :tenant
                        ORDER BY store_ref, id LIMIT :limit OFFSET :offset""")
                .param("id", id).param("tenant", tenant).param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> new StoreStock(rs.getLong("id"), rs.getString("store_ref"), rs.getInt("quantity"),
                        rs.getBigDecimal("price"), rs.getString("currency"), RestaurantQueries.instant(rs, "stock_updated_at"),
                        RestaurantQueries.instant(rs, "updated_at")))
                .list();
        long total = jdbc.sql("SELECT count(*) FROM inventory WHERE product_id = :id AND tenant = :tenant")
                .param("id", id).param("tenant", tenant).query(Long.class).single();
        return Page.of(items, page, size, total);
    }

    /** No such product in the caller's tenant (another tenant's looks the same). */
    static final class ProductNotFound extends ApiProblem {
        ProductNotFound(long id) {
            super(HttpStatus.NOT_FOUND, "product-not-found", "Product not found", "product " + id + " does not exist");
        }
    }
}
