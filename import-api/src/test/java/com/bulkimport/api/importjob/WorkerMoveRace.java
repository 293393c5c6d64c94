package com.bulkimport.api.importjob;

import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An owner's action decided while the worker moves the job from INGESTING to APPLYING: the worker's move is held
 * uncommitted until the action waits for its row lock inside its own transaction, then committed; the action's
 * answer is what the test judges.
 */
final class WorkerMoveRace {

    private WorkerMoveRace() {
    }

    /** @param assignments more columns the worker's move sets (", batch_count = 1"), or "" */
    static JsonHttp.Response actionDuringTheMove(DataSource dataSource, JdbcClient jdbc, String jobId, String assignments,
                                                 Callable<JsonHttp.Response> action) throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (Connection worker = dataSource.getConnection()) {
            worker.setAutoCommit(false);
            try (PreparedStatement move = worker.prepareStatement("UPDATE import_jobs SET status = 'APPLYING'"
                    + assignments + " WHERE id = ?::uuid AND status = 'INGESTING'")) {
                move.setString(1, jobId);
                assertThat(move.executeUpdate()).isEqualTo(1);
            }
            Future<JsonHttp.Response> answer = caller.submit(action);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND query LIKE '%import_jobs%'").query(Long.class).single() == 0) {
                assertThat(System.nanoTime()).as("the action to wait for the worker's lock").isLessThan(deadline);
                assertThat(answer.isDone()).as("the action returned before the worker committed").isFalse();
                Thread.sleep(20);
            }
            worker.commit();
            return answer.get(30, TimeUnit.SECONDS);
        } finally {
            caller.shutdownNow();
        }
    }
}
