package com.bulkimport.api.importjob;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.engine.revert.RevertRefused;
import com.bulkimport.engine.revert.Reverts;
import com.bulkimport.support.tracing.JobTraces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

/**
 * Reverting an import (docs/architecture.md, "Reverting an import"): its preview, or the revert job, created and
 * released in one transaction. The import must be one the caller may see (else 404, as for every job action); the
 * revert belongs to the import's owner and tenant, whoever asks (an admin too), like the import's other actions.
 */
@Service
class RevertService {

    private static final Logger log = LoggerFactory.getLogger(RevertService.class);

    private final ImportJobService jobs;
    private final Reverts reverts;
    private final TransactionTemplate tx;
    private final JobTraces traces;
    private final int batchSize;

    RevertService(ImportJobService jobs, Reverts reverts, TransactionTemplate tx, JobTraces traces,
                  InlineBatchProperties batches) {
        this.jobs = jobs;
        this.reverts = reverts;
        this.tx = tx;
        this.traces = traces;
        this.batchSize = batches.batchSize();
    }

    RevertPreviewView preview(Caller caller, UUID id) {
        ImportJob job = jobs.find(caller, id);
        try {
            return RevertPreviewView.of(job, reverts.preview(id));
        } catch (RevertRefused e) {
            throw new RevertNotPossible(e);
        }
    }

    ImportJob revert(Caller caller, UUID id) {
        jobs.find(caller, id);
        UUID revertId = UUID.randomUUID();
        String traceId = traces.traceIdForNewJob();
        try {
            tx.executeWithoutResult(status -> reverts.start(revertId, id, traceId, batchSize));
        } catch (RevertRefused e) {
            throw new RevertNotPossible(e);
        }
        ImportJobService.logUnder(revertId, traceId);
        log.info("import {} is being reverted by job {}", id, revertId);
        return jobs.find(caller, revertId);
    }
}
