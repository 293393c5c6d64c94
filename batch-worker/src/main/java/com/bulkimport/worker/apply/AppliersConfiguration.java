package com.bulkimport.worker.apply;

import com.bulkimport.model.ImportKind;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class AppliersConfiguration {

    @Bean
    BatchApplier restaurantApplier(JdbcClient jdbc) {
        return new KeyedUpsertApplier(ImportKind.RESTAURANTS, "restaurants", jdbc);
    }
}
