package com.bulkimport.local.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A real PostgreSQL server (zonky's packaged binaries) on loopback. */
public final class PostgresServer implements AutoCloseable {

    /** zonky's close waits 5 s for the server to stop, then leaves it shutting down on its own. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final ProcessHandle postmaster;

    private PostgresServer(EmbeddedPostgres postgres, ProcessHandle postmaster) {
        this.postgres = postgres;
        this.postmaster = postmaster;
    }

    /** What a crash may cost. */
    public enum Durability {
        /**
         * fsync, full_page_writes and synchronous_commit on, PostgreSQL's own defaults: a commit that returned
         * survives a crash of PostgreSQL or of the machine, and no half-written page is left behind. What
         * {@code ./bulk-import up} keeps its data with.
         */
        DURABLE,
        /**
         * All three off: no wait for the disk, at the price of the last commits on a crash of PostgreSQL and of a
         * corrupt cluster on a crash of the machine. Only for data that a test or a benchmark throws away.
         */
        THROWAWAY
    }

    /** A durable server ({@link Durability#DURABLE}). */
    public static PostgresServer start(Path dataDirectory, int port) throws IOException {
        return start(dataDirectory, port, Durability.DURABLE);
    }

    /**
     * @param dataDirectory where the cluster lives; null for a throw-away one
     * @param port          0 for any free port
     */
    public static PostgresServer start(Path dataDirectory, int port, Durability durability) throws IOException {
        String crashSafe = durability == Durability.DURABLE ? "on" : "off";
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "4GB")
                // set either way: a cluster keeps no memory of the last start's settings in postgresql.conf
                .setServerConfig("synchronous_commit", crashSafe)
                .setServerConfig("fsync", crashSafe)
                .setServerConfig("full_page_writes", crashSafe)
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
        EmbeddedPostgres postgres = builder.start();
        return new PostgresServer(postgres, postmaster(postgres));
    }

    /** The server's own process (zonky knows only pg_ctl's), named by postmaster.pid in its data directory. */
    private static ProcessHandle postmaster(EmbeddedPostgres postgres) throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT setting FROM pg_settings WHERE name = 'data_directory'")) {
            rs.next();
            long pid = Long.parseLong(Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid")).get(0).strip());
            return ProcessHandle.of(pid).orElseThrow(() -> new IOException("PostgreSQL's postmaster " + pid + " is gone"));
        } catch (SQLException e) {
            throw new IOException("PostgreSQL started but does not answer", e);
        }
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

    /**
     * Returns once the server has exited: a durable server's shutdown checkpoint can take longer than zonky's 5 s on
     * a busy machine, and a server still running would hold the data directory and the port after the local stack
     * said "stopped".
     */
    @Override
    public void close() throws IOException {
        postgres.close();
        try {
            postmaster.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("PostgreSQL (pid " + postmaster.pid() + ") still runs " + STOP_TIMEOUT.toSeconds()
                    + " s after it was told to stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while PostgreSQL stops", e);
        } catch (ExecutionException e) {
            throw new IOException(e);
        }
    }
}
