package com.bulkimport.engine.staging;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Rows into PostgreSQL by {@code COPY ... FROM STDIN} (text format), buffered into large writes.
 * Values are escaped per the COPY text rules; null is {@code \N}.
 */
public final class CopyStream {

    private static final int FLUSH_AT = 256 * 1024;

    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 64 * 1024);
    private boolean firstField = true;

    public CopyStream(PGConnection connection, String copySql) throws SQLException {
        this.copy = connection.getCopyAPI().copyIn(copySql);
    }

    public CopyStream field(String value) {
        if (!firstField) {
            buffer.append('\t');
        }
        firstField = false;
        if (value == null) {
            buffer.append("\\N");
            return this;
        }
        // most values need no escape: they go in whole (one array copy), not char by char
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            String escaped = switch (value.charAt(i)) {
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> null;
            };
            if (escaped != null) {
                buffer.append(value, from, i).append(escaped);
                from = i + 1;
            }
        }
        if (from == 0) {
            buffer.append(value);
        } else {
            buffer.append(value, from, value.length());
        }
        return this;
    }

    public void endRow() throws SQLException {
        buffer.append('\n');
        firstField = true;
        if (buffer.length() >= FLUSH_AT) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (buffer.length() > 0) {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }

    /** Ends the COPY. @return rows PostgreSQL took */
    public long end() throws SQLException {
        flush();
        return copy.endCopy();
    }

    /** Abandons the COPY (the surrounding transaction rolls back anyway). */
    public void cancel() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the connection is being rolled back; nothing more to clean up
        }
    }
}
