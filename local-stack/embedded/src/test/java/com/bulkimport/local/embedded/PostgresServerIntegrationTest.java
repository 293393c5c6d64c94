package com.bulkimport.local.embedded;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A developer's data survives a crash unless a test or a benchmark says it will throw the data away. */
class PostgresServerIntegrationTest {

    private static final Map<String, String> ON = Map.of("fsync", "on", "full_page_writes", "on", "synchronous_commit", "on");
    private static final Map<String, String> OFF = Map.of("fsync", "off", "full_page_writes", "off",
            "synchronous_commit", "off");

    @Test
    void aServerIsDurableUnlessAskedToBeThrowAway() throws Exception {
        try (PostgresServer postgres = PostgresServer.start(null, 0)) {
            assertThat(crashSettings(postgres.jdbcUrl())).isEqualTo(ON);
        }
        try (PostgresServer postgres = PostgresServer.start(null, 0, PostgresServer.Durability.THROWAWAY)) {
            assertThat(crashSettings(postgres.jdbcUrl())).isEqualTo(OFF);
        }
    }

    @Test
    void theTestsSharedServersThrowTheirDataAway() throws Exception {
        assertThat(crashSettings(LocalInfra.shared().postgres().jdbcUrl())).isEqualTo(OFF);
    }

    static Map<String, String> crashSettings(String jdbcUrl) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            for (String name : ON.keySet()) {
                try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
                    rs.next();
                    settings.put(name, rs.getString(1));
                }
            }
        }
        return settings;
    }
}
