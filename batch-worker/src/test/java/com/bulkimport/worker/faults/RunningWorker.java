package com.bulkimport.worker.faults;

import com.bulkimport.engine.job.JobLifecycle;
import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.worker.WorkerApplication;
import com.bulkimport.worker.job.JobStore;
import com.bulkimport.worker.job.WorkerJob;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A whole batch worker in this JVM with its consumers running (the work queue's pollers, the
 * dead-letter reader), as it runs in production; only what a test names points elsewhere (a gate, a
 * server of its own). The sweepers are off: recovery from an outage must come from redelivery alone,
 * not from a sweep ten minutes later. Tests close it themselves: left running in the JVM it would go
 * on consuming.
 */
final class RunningWorker implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningWorker(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static RunningWorker start(LocalInfra infra, FaultRelay.Queues queues, Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>(infra.springProperties());
        all.put("spring.config.name", "batch-worker");
        all.put("server.port", "0");
        all.put("management.server.port", "0");
        all.put("spring.main.banner-mode", "off");
        all.put("spring.main.register-shutdown-hook", "false");
        all.put("bulkimport.worker.enabled", "true");
        all.put("bulkimport.sqs.work-queue-url", queues.work());
        all.put("bulkimport.sqs.dead-letter-queue-url", queues.deadLetters());
        all.put("bulkimport.worker.wait-time", "1s");
        all.put("bulkimport.worker.retry-backoff", "1s");
        all.put("bulkimport.sweeper.enabled", "false");
        all.put("bulkimport.retention.enabled", "false");
        all.putAll(properties);
        // as arguments: they must win over batch-worker.yml, as they would on a command line
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new RunningWorker(new SpringApplicationBuilder(WorkerApplication.class).run(args));
    }

    /** {@code /actuator/health/readiness} as the orchestrator asks it. */
    JsonHttp.Response readiness() {
        return new JsonHttp("http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port"))
                .get("/actuator/health/readiness");
    }

    /** What {@code POST /api/imports/{id}/retry} does for the job's owner: the same lifecycle step, in one transaction. */
    void retry(UUID jobId) {
        WorkerJob job = context.getBean(JobStore.class).find(jobId).orElseThrow();
        context.getBean(TransactionTemplate.class).executeWithoutResult(status ->
                context.getBean(JobLifecycle.class).retry(job.ref(), job.objectKey()));
    }

    @Override
    public void close() {
        context.close();
    }
}
