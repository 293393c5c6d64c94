package com.bulkimport.worker.metrics;

import com.bulkimport.model.JobStatus;
import com.bulkimport.worker.queue.SqsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges of what waits: jobs by status ({@code bulkimport_jobs{status}}) and messages in the work
 * queue and its DLQ ({@code bulkimport_queue_depth{queue}}). Read every 15 s, not on every scrape,
 * so many scrapers cost the database and the queue nothing more.
 */
@Component
class BacklogGauges {

    private static final Logger log = LoggerFactory.getLogger(BacklogGauges.class);

    private final JdbcClient jdbc;
    private final SqsClient sqs;
    private final SqsProperties queues;
    private final Map<JobStatus, AtomicLong> jobs = new EnumMap<>(JobStatus.class);
    private final AtomicLong work = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();

    BacklogGauges(JdbcClient jdbc, SqsClient sqs, SqsProperties queues, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.sqs = sqs;
        this.queues = queues;
        for (JobStatus status : JobStatus.values()) {
            AtomicLong value = new AtomicLong();
            jobs.put(status, value);
            Gauge.builder("bulkimport.jobs", value, AtomicLong::get).description("Import jobs by status")
                    .tag("status", status.name()).register(registry);
        }
        Gauge.builder("bulkimport.queue.depth", work, AtomicLong::get).description("Messages waiting in a queue")
                .tag("queue", "work").register(registry);
        Gauge.builder("bulkimport.queue.depth", deadLetters, AtomicLong::get).description("Messages waiting in a queue")
                .tag("queue", "work-dlq").register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "${bulkimport.metrics.backlog-interval:15s}")
    void refresh() {
        try {
            Map<JobStatus, Long> counted = new EnumMap<>(JobStatus.class);
            jdbc.sql("SELECT status, count(*) FROM import_jobs GROUP BY status")
                    .query(rs -> {
                        counted.put(JobStatus.valueOf(rs.getString(1)), rs.getLong(2));
                    });
            jobs.forEach((status, value) -> value.set(counted.getOrDefault(status, 0L)));
            work.set(depth(queues.workQueueUrl()));
            deadLetters.set(depth(queues.deadLetterQueueUrl()));
        } catch (RuntimeException e) {
            log.debug("backlog gauges not refreshed: {}", e.toString());
        }
    }

    private long depth(String queueUrl) {
        if (queueUrl == null || queueUrl.isBlank()) {
            return 0;
        }
        String count = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return count == null ? 0 : Long.parseLong(count);
    }
}
