package com.bulkimport.api.read;

import com.bulkimport.api.caller.CurrentCaller;
import com.bulkimport.api.importjob.ImportLimits;
import com.bulkimport.api.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A customer's purchases, newest first, each with its items; the customer must be of the caller's tenant. */
@RestController
@Tag(name = "read API")
class PurchaseController {

    private final JdbcClient jdbc;
    private final CurrentCaller caller;
    private final int maxPageSize;

    PurchaseController(JdbcClient jdbc, CurrentCaller caller, ImportLimits limits) {
        this.jdbc = jdbc;
        this.caller = caller;
        this.maxPageSize = limits.pageSizeMax();
    }

    record Item(int lineNo, String sku, Long productId, String description, int quantity, BigDecimal unitPrice,
                BigDecimal amount) {
    }

    record Purchase(long id, String merchant, String transactionRef, Instant purchasedAt, String currency,
                    String country, int itemCount, BigDecimal totalAmount, boolean isRefund, List<Item> items) {
    }

    @Operation(summary = "A customer's purchases with their items, newest first")
    @GetMapping(path = "/api/customers/{ref}/purchases", produces = MediaType.APPLICATION_JSON_VALUE)
    Page<Purchase> purchases(@PathVariable String ref, @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "20") int size) {
        Page.check(page, size, maxPageSize);
        String tenant = caller.get().tenant();
        String customer = ReadLimits.filter("customer ref", ref);
        boolean known = customer != null && jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM customers WHERE tenant = :tenant AND customer_ref = :ref)
                            OR EXISTS (SELECT 1 FROM purchases WHERE tenant = :tenant AND customer_ref = :ref)""")
                .param("tenant", tenant).param("ref", customer).query(Boolean.class).single();
        if (!known) {
            throw new CustomerNotFound(ref);
        }
        List<Purchase> heads = jdbc.sql("""
                        SELECT * FROM purchases WHERE tenant = :tenant AND customer_ref = :ref
                        ORDER BY purchased_at DESC NULLS LAST, id DESC LIMIT :limit OFFSET :offset""")
                .param("tenant", tenant).param("ref", customer).param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> new Purchase(rs.getLong("id"), rs.getString("merchant"), rs.getString("transaction_ref"),
                        rs.getTimestamp("purchased_at") == null ? null : rs.getTimestamp("purchased_at").toInstant(),
                        rs.getString("currency"), rs.getString("country"), rs.getInt("item_count"),
                        rs.getBigDecimal("total_amount"), rs.getBoolean("is_refund"), List.of()))
                .list();
        long total = jdbc.sql("SELECT count(*) FROM purchases WHERE tenant = :tenant AND customer_ref = :ref")
                .param("tenant", tenant).param("ref", customer).query(Long.class).single();
        return Page.of(withItems(heads), page, size, total);
    }

    /** The page's items in one query, not one per purchase. */
    private List<Purchase> withItems(List<Purchase> heads) {
        if (heads.isEmpty()) {
            return heads;
        }
        List<Long> ids = heads.stream().map(Purchase::id).toList();
        Map<Long, List<Item>> items = jdbc.sql("""
                        SELECT * FROM purchase_items WHERE purchase_id IN (:ids) ORDER BY purchase_id, line_no""")
                .param("ids", ids)
                .query((rs, n) -> Map.entry(rs.getLong("purchase_id"), new Item(rs.getInt("line_no"), rs.getString("sku"),
                        (Long) rs.getObject("product_id"), rs.getString("description"), rs.getInt("quantity"),
                        rs.getBigDecimal("unit_price"), rs.getBigDecimal("amount"))))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, LinkedHashMap::new,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return heads.stream().map(p -> new Purchase(p.id(), p.merchant(), p.transactionRef(), p.purchasedAt(),
                p.currency(), p.country(), p.itemCount(), p.totalAmount(), p.isRefund(),
                items.getOrDefault(p.id(), List.of()))).toList();
    }

    /** No customer with this reference in the caller's tenant. */
    static final class CustomerNotFound extends ApiProblem {
        CustomerNotFound(String ref) {
            super(HttpStatus.NOT_FOUND, "customer-not-found", "Customer not found", "customer '"
                    + (ref.length() > 100 ? ref.substring(0, 100) + "…" : ref) + "' does not exist");
        }
    }
}
