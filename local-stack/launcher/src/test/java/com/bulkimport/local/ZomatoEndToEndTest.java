package com.bulkimport.local;

import com.bulkimport.cli.BulkImportCliDriver;
import com.bulkimport.local.embedded.testkit.Datasets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline, as a user drives it from the CLI: API → S3Proxy → outbox → relay → PutEvents
 * (event-ruler) → ElasticMQ → worker → PostgreSQL, with the real, dirty zomato.csv. The CLI signs in by
 * itself (as alice, tenant acme) at the stack's sign-in server.
 */
class ZomatoEndToEndTest {

    static LocalStack stack;
    static JdbcClient jdbc;
    @TempDir
    static Path cliState;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        jdbc = stack.api().getBean(JdbcClient.class);
    }

    private JsonNode importZomato() {
        // zomato.csv (2.2 MB) goes up in parts (the stack's threshold is 1 MB), and the CLI notes them for a resume:
        // in a folder of the test's, not in the home folder of whoever runs the tests
        System.setProperty("bulkimport.cli.state-dir", cliState.toString());
        try {
            BulkImportCliDriver.Result result = BulkImportCliDriver.run("import",
                    Datasets.file("restaurants/zomato.csv").toString(), "--kind", "restaurants", "--map",
                    "Restaurant ID=external_id", "--map", "Restaurant Name=name", "--map", "Aggregate rating=rating",
                    "--json", "--api", stack.apiUrl());
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            return result.json();
        } finally {
            System.clearProperty("bulkimport.cli.state-dir");
        }
    }

    private Map<String, Object> restaurant(String externalId) {
        return jdbc.sql("SELECT name, address, city, rating::text AS rating, votes, cuisines FROM restaurants"
                        + " WHERE tenant = 'acme' AND external_id = :id")
                .param("id", externalId).query().singleRow();
    }

    @Test
    void importsEveryRestaurantOnceAndChangesNothingTheSecondTime() {
        // the stack is shared with other classes (SharedStack): acme starts with no restaurants
        jdbc.sql("DELETE FROM dishes WHERE tenant = 'acme'").update();
        jdbc.sql("DELETE FROM reviews WHERE tenant = 'acme'").update();
        jdbc.sql("DELETE FROM restaurants WHERE tenant = 'acme'").update();
        JsonNode first = importZomato();

        assertThat(first.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(first.path("encoding").asString()).isEqualTo("ISO-8859-1");
        JsonNode progress = first.path("progress");
        assertThat(progress.path("total_rows").asLong()).isEqualTo(9_551);
        assertThat(progress.path("created").asLong()).isEqualTo(9_551);
        assertThat(progress.path("errors").asLong()).isZero();
        assertThat(progress.path("duplicates").asLong()).isZero();
        assertThat(progress.path("percentage").asDouble()).isEqualTo(100.0);

        assertThat(restaurant("18482938")).containsEntry("name", "Super Loco")
                .containsEntry("address", "The Quayside\n60 Roberston Quay #01-13 238252")
                .containsEntry("city", "Singapore").containsEntry("rating", "3.2").containsEntry("votes", 30);
        assertThat(restaurant("5602884")).containsEntry("name", "Sis Burger")
                .containsEntry("address", "Behind ADNOC Petrol Station,\nUnivercity City Road, University City, Sharjah");
        assertThat(restaurant("301227")).containsEntry("name", "Ada \"e\" Haandi's")
                .containsEntry("cuisines", "North Indian, Mughlai, Chinese");
        // bytes 0xED 0xA9 read as ISO-8859-1: each byte one character, nothing double-encoded
        assertThat(restaurant("6601005")).containsEntry("name", "Caf\u00ed\u00a9 Daniel Briand")
                .containsEntry("city", "Bras\u00ed_lia");

        JsonNode second = importZomato();
        assertThat(second.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(second.path("progress").path("created").asLong()).isZero();
        assertThat(second.path("progress").path("updated").asLong()).isZero();
        assertThat(second.path("progress").path("unchanged").asLong()).isEqualTo(9_551);
        assertThat(jdbc.sql("SELECT count(*) FROM restaurants WHERE tenant = 'acme'").query(Long.class).single())
                .isEqualTo(9_551);
    }
}
