package com.bulkimport.worker.metrics;

import com.bulkimport.model.JobStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges of what waits: jobs by status ({@code bulkimport_jobs{status}}), work in the work
 * queue and its DLQ, or the Kafka topic and its DLT ({@code bulkimport_queue_depth{queue}}, see
 * {@link QueueDepths}), and dead letters no one has redriven yet ({@code bulkimport_dead_letters_open}).
 * Read every 15 s, not on every scrape, so many scrapers cost the database and the transport nothing more.
 *
 * <p>The DLQ's depth stays near zero, since the worker takes every dead letter off it at once (failing
 * its job, keeping the message in {@code dead_letters}): the open dead letters are what stays until a
 * person acts, so that is what the dead-letter alerts read.
 */
@Component
class BacklogGauges {

    private static final Logger log = LoggerFactory.getLogger(BacklogGauges.class);

    private final JdbcClient jdbc;
    private final QueueDepths queues;
    private final Map<JobStatus, AtomicLong> jobs = new EnumMap<>(JobStatus.class);
    private final AtomicLong work = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong openDeadLetters = new AtomicLong();

    BacklogGauges(JdbcClient jdbc, QueueDepths queues, MeterRegistry registry) {
        this.jdbc = jdbc;
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
        Gauge.builder("bulkimport.dead_letters.open", openDeadLetters, AtomicLong::get)
                .description("Dead letters recorded and not redriven yet (dead_letters.redriven_at IS NULL)")
                .register(registry);
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
            openDeadLetters.set(jdbc.sql("SELECT count(*) FROM dead_letters WHERE redriven_at IS NULL")
                    .query(Long.class).single());
            work.set(queues.work());
            deadLetters.set(queues.deadLetters());
        } catch (RuntimeException e) {
            log.debug("backlog gauges not refreshed: {}", e.toString());
        }
    }
}
