package com.bulkimport.worker.apply;

import com.bulkimport.engine.EventsProperties;
import com.bulkimport.model.ImportKind;
import com.bulkimport.engine.match.MatchSql;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class AppliersConfiguration {

    @Bean
    BatchApplier restaurantApplier(JdbcClient jdbc, EventsProperties events) {
        return new KeyedUpsertApplier(ImportKind.RESTAURANTS, "restaurants", jdbc, null, events.source());
    }

    @Bean
    BatchApplier customerApplier(JdbcClient jdbc, EventsProperties events) {
        return new KeyedUpsertApplier(ImportKind.CUSTOMERS, "customers", jdbc, null, events.source());
    }

    /** Dishes point at restaurants by external id (the restaurant's match key is {@code id:<external id>}). */
    @Bean
    BatchApplier dishApplier(JdbcClient jdbc, EventsProperties events) {
        return new KeyedUpsertApplier(ImportKind.DISHES, "dishes", jdbc, new KeyedUpsertApplier.Reference(
                "restaurant_id",
                MatchSql.RESTAURANT_OF_ROW,
                "restaurant_external_id", "UNKNOWN_RESTAURANT", "restaurant with external_id"), events.source());
    }

    /** Reviews point at restaurants as dishes do, and keep their restaurants' review aggregates. */
    @Bean
    BatchApplier reviewApplier(JdbcClient jdbc, EventsProperties events) {
        return new ReviewApplier(jdbc, events.source());
    }

    @Bean
    BatchApplier productApplier(JdbcClient jdbc, EventsProperties events) {
        return new ProductApplier(jdbc, events.source());
    }

    @Bean
    BatchApplier purchaseApplier(JdbcClient jdbc, EventsProperties events) {
        return new PurchaseApplier(jdbc, events.source());
    }
}
