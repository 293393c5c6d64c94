package com.bulkimport.engine;

import com.bulkimport.engine.batch.Batches;
import com.bulkimport.engine.job.BatchSummaries;
import com.bulkimport.engine.job.BatchWindow;
import com.bulkimport.engine.job.JobLifecycle;
import com.bulkimport.engine.job.LostWork;
import com.bulkimport.engine.outbox.OutboxWriter;
import com.bulkimport.engine.release.BatchRelease;
import com.bulkimport.engine.release.ReadingRelease;
import com.bulkimport.engine.review.Corrections;
import com.bulkimport.engine.revert.Reverts;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine's parts as beans of every service that has it (import-api and batch-worker), on the
 * service's own {@link JdbcClient}, so that each step joins the caller's transaction. An application
 * without a database (the local sign-in server, which shares the launcher's classpath) gets none of it.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration")
@ConditionalOnBean(JdbcClient.class)
@EnableConfigurationProperties({EventsProperties.class, FairnessProperties.class})
public class EngineAutoConfiguration {

    @Bean
    OutboxWriter outboxWriter(JdbcClient jdbc) {
        return new OutboxWriter(jdbc);
    }

    @Bean
    Batches batches(JdbcClient jdbc) {
        return new Batches(jdbc);
    }

    @Bean
    BatchWindow batchWindow(JdbcClient jdbc, OutboxWriter outbox, EventsProperties events, FairnessProperties fairness) {
        return new BatchWindow(jdbc, outbox, events.source(), fairness.batchesPerTenant());
    }

    @Bean
    JobLifecycle jobLifecycle(JdbcClient jdbc, OutboxWriter outbox, Batches batches, EventsProperties events,
                              BatchWindow window) {
        return new JobLifecycle(jdbc, outbox, batches, events.source(), window);
    }

    @Bean
    LostWork lostWork(OutboxWriter outbox, Batches batches, EventsProperties events) {
        return new LostWork(outbox, batches, events.source());
    }

    @Bean
    BatchSummaries batchSummaries(OutboxWriter outbox, EventsProperties events) {
        return new BatchSummaries(outbox, events.source());
    }

    @Bean
    Reverts reverts(JdbcClient jdbc, JobLifecycle lifecycle, Batches batches) {
        return new Reverts(jdbc, lifecycle, batches);
    }

    @Bean
    BatchRelease batchRelease(JdbcClient jdbc, JobLifecycle lifecycle, Batches batches) {
        return new BatchRelease(jdbc, lifecycle, batches);
    }

    @Bean
    Corrections corrections(JdbcClient jdbc, Batches batches) {
        return new Corrections(jdbc, batches);
    }

    @Bean
    ReadingRelease readingRelease(JdbcClient jdbc, JobLifecycle lifecycle, Batches batches) {
        return new ReadingRelease(jdbc, lifecycle, batches);
    }
}
