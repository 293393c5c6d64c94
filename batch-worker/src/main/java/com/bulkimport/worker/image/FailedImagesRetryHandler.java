package com.bulkimport.worker.image;

import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.model.event.ImportImagesRetry;
import com.bulkimport.worker.job.JobStore;
import com.bulkimport.worker.job.WorkerJob;
import com.bulkimport.worker.queue.WorkHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * IMPORT_IMAGES_RETRY: a finished job's failed images fetched again (docs/architecture.md, "Product images"), a page
 * of warnings at a time: the page's distinct URLs are fetched (no connection held meanwhile, each URL once per
 * message), then one transaction resolves those fetched now ({@link FailedImages#resolve}) and another gives those
 * that failed again their new reason. Rows are never imported again; images done are never fetched again (their
 * warnings are gone). A redelivered message, or a second retry beside the first, finds the warnings resolved already
 * deleted and counts nothing twice; an image that fails again is simply tried again by the next retry.
 */
@Component
class FailedImagesRetryHandler implements WorkHandler {

    private static final Logger log = LoggerFactory.getLogger(FailedImagesRetryHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int PAGE = 500;

    private final JobStore jobs;
    private final FailedImages failedImages;
    private final ImagePipeline pipeline;
    private final TransactionTemplate tx;

    FailedImagesRetryHandler(JobStore jobs, FailedImages failedImages, ImagePipeline pipeline, TransactionTemplate tx) {
        this.jobs = jobs;
        this.failedImages = failedImages;
        this.pipeline = pipeline;
        this.tx = tx;
    }

    @Override
    public EventType handles() {
        return EventType.IMPORT_IMAGES_RETRY;
    }

    @Override
    public void handle(EventEnvelope event) {
        ImportImagesRetry retry = event.payload(ImportImagesRetry.class);
        WorkerJob job = jobs.find(retry.jobId()).orElse(null);
        if (job == null || (job.status() != JobStatus.COMPLETED && job.status() != JobStatus.COMPLETED_WITH_ERRORS)) {
            // deleted by retention meanwhile; or a late message for a job no longer finished: nothing to do
            log.info("images retry of job {}: the job is {}, nothing done", retry.jobId(),
                    job == null ? "gone" : job.status());
            return;
        }
        JobImages images = pipeline.forJob();
        FailedImages.Position after = FailedImages.Position.START;
        int resolved = 0;
        int failedAgain = 0;
        while (true) {
            List<FailedImages.Failed> page = failedImages.after(job.id(), after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).next();
            Set<String> urls = new LinkedHashSet<>();
            for (FailedImages.Failed failed : page) {
                if (failed.url() != null && failed.position() > 0) {
                    urls.add(failed.url());
                }
            }
            images.prefetch(urls);
            List<FailedImages.Failed> fetched = new ArrayList<>();
            List<String> entries = new ArrayList<>();
            List<FailedImages.Failed> again = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            for (FailedImages.Failed failed : page) {
                if (!urls.contains(failed.url())) {
                    continue;
                }
                ImageOutcome outcome = images.get(failed.url());
                if (outcome.ok()) {
                    fetched.add(failed);
                    entries.add(JSON.writeValueAsString(
                            ProductImageColumns.entry(failed.position(), failed.url(), outcome.image())));
                } else {
                    again.add(failed);
                    reasons.add(ProductImageColumns.message(failed.url(), outcome.failure()));
                }
            }
            if (!fetched.isEmpty()) {
                Integer now = tx.execute(status -> failedImages.resolve(job.id(), job.tenant(), fetched, entries));
                resolved += now == null ? 0 : now;
            }
            if (!again.isEmpty()) {
                tx.executeWithoutResult(status -> failedImages.failedAgain(job.id(), again, reasons));
                failedAgain += again.size();
            }
        }
        log.info("images retry of job {}: {} images fetched now, {} failed again", job.id(), resolved, failedAgain);
    }
}
