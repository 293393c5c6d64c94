package com.bulkimport.worker.ingest;

import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staging tables churn through a big import's rows, so autovacuum takes them unthrottled once 20,000 rows are
 * dead, whatever their size (V34); the tables it does not name keep the server's defaults.
 */
class StagingVacuumSettingsIntegrationTest extends WorkerIntegrationTest {

    private static final List<String> PROMPTLY = List.of("autovacuum_vacuum_scale_factor=0",
            "autovacuum_vacuum_threshold=20000", "autovacuum_vacuum_cost_delay=0");

    @Test
    void everyStagingTableIsVacuumedPromptlyAndNoOtherTableIsTouched() {
        Map<String, List<String>> options = jdbc.sql("SELECT c.relname, coalesce(c.reloptions, '{}') FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = current_schema() AND c.relkind = 'r'"
                        + " AND c.relname IN ('staging_restaurants', 'staging_dishes', 'staging_products',"
                        + " 'staging_customers', 'staging_purchases', 'staging_reviews', 'staging_inventory',"
                        + " 'staging_keys', 'products', 'import_jobs')")
                .query((rs, n) -> Map.entry(rs.getString(1), List.of((String[]) rs.getArray(2).getArray())))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(options).hasSize(10);
        options.forEach((table, set) -> {
            if (table.startsWith("staging_")) {
                assertThat(set).as(table).containsExactlyInAnyOrderElementsOf(PROMPTLY);
            } else {
                assertThat(set).as(table).isEmpty();
            }
        });
    }
}
