package com.bulkimport.worker.pause;

import com.bulkimport.engine.job.JobRef;
import com.bulkimport.model.JobStatus;
import com.bulkimport.worker.WorkerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.UUID;

/**
 * The owner's actions as the API performs them (each one {@code JobLifecycle} operation in its own transaction),
 * for tests that pause jobs while the worker runs them. Chunks of 4 KB, so a file of a few thousand rows takes
 * dozens of checkpoints; the sweeper runs only when a test calls it.
 */
@TestPropertySource(properties = {"bulkimport.ingest.chunk-size=4KB", "bulkimport.sweeper.enabled=false"})
abstract class PauseTest extends WorkerIntegrationTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate tx;

    JobRef ref(UUID jobId) {
        return jobStore.find(jobId).orElseThrow().ref();
    }

    JobStatus pause(UUID jobId) {
        return tx.execute(status -> lifecycle.pause(ref(jobId)));
    }

    JobStatus resume(UUID jobId) {
        return tx.execute(status -> lifecycle.resume(ref(jobId), "imports/" + jobId + "/file.csv"));
    }

    JobStatus cancel(UUID jobId) {
        return tx.execute(status -> lifecycle.cancel(ref(jobId)));
    }
}
