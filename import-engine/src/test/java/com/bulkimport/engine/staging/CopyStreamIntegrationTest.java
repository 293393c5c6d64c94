package com.bulkimport.engine.staging;

import com.bulkimport.engine.testing.EngineDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What COPY's text format treats specially (backslash, line ends, tab, null) arrives as it was written. */
class CopyStreamIntegrationTest {

    private final EngineDatabase db = EngineDatabase.shared();

    @Test
    void everyValueReadsBackExactlyAsWritten() throws Exception {
        List<String> values = Arrays.asList("plain", "", null, "\\", "a\\b", "tab\there", "line\nbreak", "cr\rlf\r\n",
                "\t\\\n\r", "ends with \\", "\\N", "naïve café ☕", "x".repeat(300_000),
                "mixed\\\tx\ny" + "z".repeat(50));
        try (Connection connection = db.dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE copied (n int, v text)");
            CopyStream copy = new CopyStream(connection.unwrap(PGConnection.class), "COPY copied (n, v) FROM STDIN");
            for (int i = 0; i < values.size(); i++) {
                copy.field(Integer.toString(i)).field(values.get(i)).endRow();
            }
            assertThat(copy.end()).isEqualTo(values.size());
            List<String> read = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT v FROM copied ORDER BY n")) {
                while (rs.next()) {
                    read.add(rs.getString(1));
                }
            }
            assertThat(read).containsExactlyElementsOf(values);
        }
    }
}
