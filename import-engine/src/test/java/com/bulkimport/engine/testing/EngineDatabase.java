package com.bulkimport.engine.testing;

import com.bulkimport.engine.EventsProperties;
import com.bulkimport.engine.batch.Batches;
import com.bulkimport.engine.job.JobLifecycle;
import com.bulkimport.engine.job.LostWork;
import com.bulkimport.engine.outbox.OutboxWriter;
import com.bulkimport.engine.release.BatchRelease;
import com.bulkimport.local.embedded.PostgresServer;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The engine as a service wires it, on a real PostgreSQL with the project's migrations: one server per
 * test JVM, shared by the engine's tests (each test works in jobs and tenants of its own).
 */
public final class EngineDatabase {

    public static final String SOURCE = "bulk-import.engine-test";
    private static EngineDatabase shared;

    public final DataSource dataSource;
    public final JdbcClient jdbc;
    public final JdbcTemplate template;
    public final TransactionTemplate tx;
    public final Batches batches;
    public final JobLifecycle lifecycle;
    public final LostWork lostWork;
    public final BatchRelease release;

    private EngineDatabase(PostgresServer server) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(server.jdbcUrl());
        pool.setUsername(server.user());
        pool.setPassword(server.password());
        pool.setMaximumPoolSize(12);
        dataSource = pool;
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        template = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        OutboxWriter outbox = new OutboxWriter(jdbc);
        batches = new Batches(jdbc);
        String source = new EventsProperties(SOURCE).source();
        lifecycle = new JobLifecycle(jdbc, outbox, batches, source);
        lostWork = new LostWork(outbox, batches, source);
        release = new BatchRelease(jdbc, lifecycle, batches);
    }

    public static synchronized EngineDatabase shared() {
        if (shared == null) {
            try {
                PostgresServer server = PostgresServer.start(null, 0);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
                shared = new EngineDatabase(server);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }
}
