package com.bulkimport.worker;

import com.bulkimport.model.outbox.OutboxWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    @Bean
    OutboxWriter outboxWriter(JdbcClient jdbc) {
        return new OutboxWriter(jdbc);
    }
}
