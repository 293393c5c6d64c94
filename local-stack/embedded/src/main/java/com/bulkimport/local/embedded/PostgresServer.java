package com.bulkimport.local.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/** A real PostgreSQL server (zonky's packaged binaries) on loopback. */
public final class PostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDirectory where the cluster lives; null for a throw-away one
     * @param port          0 for any free port
     */
    public static PostgresServer start(Path dataDirectory, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // lets the outbox relay time commit → publish from the commit itself, not the insert
                .setServerConfig("track_commit_timestamp", "on")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements");
        if (port > 0) {
            builder.setPort(port);
        }
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        return new PostgresServer(builder.start());
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    /**
     * Kills one server process with SIGKILL, as the kernel's OOM killer would. PostgreSQL then ends every
     * session, recovers from its write-ahead log and takes connections again on the same port: what was
     * committed (durably: see {@code synchronous_commit}) is there, unlogged tables come back empty.
     * Returns once the server answers again.
     */
    public void crash() throws SQLException, InterruptedException {
        try (Connection victim = postgres.getPostgresDatabase().getConnection();
             Connection witness = postgres.getPostgresDatabase().getConnection()) {
            ProcessHandle killed = serverProcess(victim);
            // the witness's process ends only when the server ends every session: then the crash is under way
            ProcessHandle other = serverProcess(witness);
            if (!killed.destroyForcibly()) {
                throw new IllegalStateException("could not kill server process " + killed.pid());
            }
            awaitGone(other);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Connection probe = postgres.getPostgresDatabase().getConnection()) {
                probe.createStatement().execute("SELECT 1");
                return;
            } catch (SQLException recovering) {
                if (System.nanoTime() > deadline) {
                    throw recovering;
                }
                Thread.sleep(50);
            }
        }
    }

    private static ProcessHandle serverProcess(Connection connection) throws SQLException {
        try (ResultSet row = connection.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            long pid = row.getLong(1);
            return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no server process " + pid));
        }
    }

    private static void awaitGone(ProcessHandle process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("server process " + process.pid() + " outlived the crash");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
