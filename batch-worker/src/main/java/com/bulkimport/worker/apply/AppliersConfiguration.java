package com.bulkimport.worker.apply;

import com.bulkimport.model.ImportKind;
import com.bulkimport.engine.match.MatchSql;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class AppliersConfiguration {

    @Bean
    BatchApplier restaurantApplier(JdbcClient jdbc) {
        return new KeyedUpsertApplier(ImportKind.RESTAURANTS, "restaurants", jdbc, null);
    }

    @Bean
    BatchApplier customerApplier(JdbcClient jdbc) {
        return new KeyedUpsertApplier(ImportKind.CUSTOMERS, "customers", jdbc, null);
    }

    /** Dishes point at restaurants by external id (the restaurant's match key is {@code id:<external id>}). */
    @Bean
    BatchApplier dishApplier(JdbcClient jdbc) {
        return new KeyedUpsertApplier(ImportKind.DISHES, "dishes", jdbc, new KeyedUpsertApplier.Reference(
                "restaurant_id",
                MatchSql.DISH_RESTAURANT,
                "restaurant_external_id", "UNKNOWN_RESTAURANT", "restaurant with external_id"));
    }

    @Bean
    BatchApplier productApplier(JdbcClient jdbc) {
        return new ProductApplier(jdbc);
    }

    @Bean
    BatchApplier purchaseApplier(JdbcClient jdbc) {
        return new PurchaseApplier(jdbc);
    }
}
