package com.bulkimport.local.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** A real PostgreSQL server (zonky's packaged binaries) on loopback. */
public final class PostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
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

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
