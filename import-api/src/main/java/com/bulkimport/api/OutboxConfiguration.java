package com.bulkimport.api;

import com.bulkimport.model.outbox.OutboxWriter;
import com.bulkimport.model.staging.BatchRelease;
import com.bulkimport.model.staging.JobFinisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    @Bean
    OutboxWriter outboxWriter(JdbcClient jdbc) {
        return new OutboxWriter(jdbc);
    }

    @Bean
    JobFinisher jobFinisher(JdbcClient jdbc, OutboxWriter outbox, @Value("${bulkimport.events.source}") String source) {
        return new JobFinisher(jdbc, outbox, source);
    }

    @Bean
    BatchRelease batchRelease(JdbcClient jdbc, OutboxWriter outbox, JobFinisher finisher,
                              @Value("${bulkimport.events.source}") String source) {
        return new BatchRelease(jdbc, outbox, finisher, source);
    }
}
