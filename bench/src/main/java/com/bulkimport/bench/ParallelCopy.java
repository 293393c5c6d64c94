package com.bulkimport.bench;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The most rows a second this machine can write into a copy of {@code products}: PostgreSQL's own COPY, one stream
 * per processor, each taking every n-th block of {@link #BLOCK} lines of the file (one line a row: {@link
 * ProductCsv} writes no line break inside a field). No import into products can be faster than this, whatever it
 * does; an import n times the Spring Batch baseline needs n times that baseline below it.
 */
final class ParallelCopy {

    static final int BLOCK = 1_000;

    private ParallelCopy() {
    }

    /** Rows a second over {@code streams} concurrent COPYs of the file's rows into a new table made by {@code ddl}. */
    static double rowsPerSecond(String jdbcUrl, Path csv, long rows, String ddl, String table, int streams)
            throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.execute(ddl);
            ExecutorService pool = Executors.newFixedThreadPool(streams);
            try {
                List<Future<Long>> copies = new ArrayList<>();
                long start = System.nanoTime();
                for (int stream = 0; stream < streams; stream++) {
                    int share = stream;
                    copies.add(pool.submit(() -> copyShare(jdbcUrl, csv, table, share, streams)));
                }
                long copied = 0;
                for (Future<Long> copy : copies) {
                    copied += copy.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (copied != rows) {
                    throw new IllegalStateException("the COPYs took " + copied + " rows, expected " + rows);
                }
                return rows / seconds;
            } finally {
                pool.shutdownNow();
                statement.execute("DROP TABLE " + table);
            }
        }
    }

    private static long copyShare(String jdbcUrl, Path csv, String table, int share, int streams) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             BufferedReader lines = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (" + ProductCsv.HEADER + ") FROM STDIN (FORMAT csv)");
            lines.readLine(); // the header
            long index = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine(), index++) {
                if ((index / BLOCK) % streams == share) {
                    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                }
            }
            return copy.endCopy();
        }
    }
}
