package com.bulkimport.worker.apply;

import com.bulkimport.engine.EventsProperties;
import com.bulkimport.model.ImportKind;
import com.bulkimport.engine.match.MatchSql;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The appliers of every kind. {@code bulkimport.history.enabled} (default on): each apply statement records
 * what it changed for a revert ({@link History}); off, the imports it applies cannot be reverted (what
 * bench/import-throughput compares).
 */
@Configuration(proxyBeanMethods = false)
class AppliersConfiguration {

    @Bean
    BatchApplier restaurantApplier(JdbcClient jdbc, EventsProperties events,
                                   @Value("${bulkimport.history.enabled:true}") boolean history) {
        return new KeyedUpsertApplier(ImportKind.RESTAURANTS, "restaurants", jdbc, null, events.source(), history);
    }

    @Bean
    BatchApplier customerApplier(JdbcClient jdbc, EventsProperties events,
                                 @Value("${bulkimport.history.enabled:true}") boolean history) {
        return new KeyedUpsertApplier(ImportKind.CUSTOMERS, "customers", jdbc, null, events.source(), history);
    }

    /** Dishes point at restaurants by external id (the restaurant's match key is {@code id:<external id>}). */
    @Bean
    BatchApplier dishApplier(JdbcClient jdbc, EventsProperties events,
                             @Value("${bulkimport.history.enabled:true}") boolean history) {
        return new KeyedUpsertApplier(ImportKind.DISHES, "dishes", jdbc, new KeyedUpsertApplier.Reference(
                "restaurant_id",
                MatchSql.RESTAURANT_OF_ROW,
                "restaurant_external_id", "UNKNOWN_RESTAURANT", "restaurant with external_id"), events.source(), history);
    }

    /** Reviews point at restaurants as dishes do, and keep their restaurants' review aggregates. */
    @Bean
    BatchApplier reviewApplier(JdbcClient jdbc, EventsProperties events,
                               @Value("${bulkimport.history.enabled:true}") boolean history) {
        return new ReviewApplier(jdbc, events.source(), history);
    }

    /** Store inventory points at products (by sku, else barcode) and keeps the newest count. */
    @Bean
    BatchApplier inventoryApplier(JdbcClient jdbc, EventsProperties events,
                                  @Value("${bulkimport.history.enabled:true}") boolean history) {
        return new InventoryApplier(jdbc, events.source(), history);
    }

    @Bean
    BatchApplier productApplier(JdbcClient jdbc, EventsProperties events,
                                @Value("${bulkimport.history.enabled:true}") boolean history) {
        return new ProductApplier(jdbc, events.source(), history);
    }

    @Bean
    BatchApplier purchaseApplier(JdbcClient jdbc, EventsProperties events,
                                 @Value("${bulkimport.history.enabled:true}") boolean history) {
        return new PurchaseApplier(jdbc, events.source(), history);
    }
}
