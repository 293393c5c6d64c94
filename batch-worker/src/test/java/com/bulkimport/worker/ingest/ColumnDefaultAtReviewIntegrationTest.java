package com.bulkimport.worker.ingest;

import com.bulkimport.engine.review.Correction;
import com.bulkimport.engine.review.Corrections;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A default given for a column at review fills that column's empty cells in every row of the dry run, the valid
 * rows too, as the CLI's {@code --default} does at ingest: the preview's counts and the applied records show it.
 */
class ColumnDefaultAtReviewIntegrationTest extends WorkerIntegrationTest {

    private Map<String, Long> preview(UUID jobId) {
        JsonNode preview = JsonHttp.JSON.readTree(jdbc.sql("SELECT preview::text FROM import_jobs WHERE id = :id")
                .param("id", jobId).query(String.class).single());
        Map<String, Long> counts = new LinkedHashMap<>();
        List.of("created", "updated", "unchanged", "duplicates", "errors")
                .forEach(outcome -> counts.put(outcome, preview.path(outcome).asLong()));
        return counts;
    }

    private static Map<String, Long> outcomes(long created, long updated, long unchanged, long duplicates,
                                              long errors) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("created", created);
        counts.put("updated", updated);
        counts.put("unchanged", unchanged);
        counts.put("duplicates", duplicates);
        counts.put("errors", errors);
        return counts;
    }

    @Test
    void aDefaultFillsTheEmptyCellsOfValidRowsTooAndThePreviewAndTheRecordsShowIt() {
        importFile("customers", utf8("customer_ref,name,country\nC1,Ann,Portugal\nC2,Bo,\n"), "{}");
        UUID jobId = pendingJob("customers", utf8("""
                customer_ref,name,email,country
                C1,Ann,,
                C2,Bo,,France
                C3,Cy,nope,
                C4,Di,,
                """), "{}", "DRY_RUN");
        dispatcher.dispatch(startedEvent(jobId));
        // C1's empty country would clear Portugal; C3's e-mail is refused
        assertThat(preview(jobId)).isEqualTo(outcomes(1, 2, 0, 0, 1));

        Corrections.Applied applied = correct(jobId, new Correction.ColumnDefault("country", "Portugal"),
                new Correction.SetCell(3, "email", "cy@example.com"));

        // rows 1 and 4 were valid with the cell empty; row 3 was refused, and takes the default when validated again
        assertThat(applied).isEqualTo(new Corrections.Applied(1, 1, 0, 2));
        // C1 keeps Portugal now: unchanged; C2 gets France; C3 and C4 are new
        assertThat(preview(jobId)).isEqualTo(outcomes(2, 1, 1, 0, 0));
        lifecycle.confirm(jobStore.find(jobId).orElseThrow().ref());
        applyAll(jobId);

        assertThat(counts(jobId)).isEqualTo(new JobCounts(2L, 1L, 1L, 0L, 0L, 4L, "COMPLETED"));
        assertThat(jdbc.sql("SELECT string_agg(customer_ref || ':' || coalesce(email, '-') || ':' || country, ' '"
                        + " ORDER BY customer_ref) FROM customers WHERE tenant = :tenant")
                .param("tenant", tenant).query(String.class).single())
                .isEqualTo("C1:-:Portugal C2:-:France C3:cy@example.com:Portugal C4:-:Portugal");
    }

    @Test
    void aDefaultInAColumnOfTheMatchKeyMatchesTheRowsAgainAndATypedOneIsStoredAsItsType() {
        // without an external_id a restaurant is matched by name, address and city
        UUID jobId = pendingJob("restaurants", utf8("""
                name,city,price_range
                Sol,,
                Sol,Lisbon,3
                Mar,,1
                """), "{}", "DRY_RUN");
        dispatcher.dispatch(startedEvent(jobId));
        assertThat(preview(jobId)).isEqualTo(outcomes(3, 0, 0, 0, 0));

        Corrections.Applied applied = correct(jobId, new Correction.ColumnDefault("city", "Lisbon"),
                new Correction.ColumnDefault("price_range", "2"));

        // city: rows 1 and 3; price_range: row 1
        assertThat(applied).isEqualTo(new Corrections.Applied(0, 0, 0, 3));
        // row 1 is Sol in Lisbon now, so row 2 repeats it
        assertThat(preview(jobId)).isEqualTo(outcomes(2, 0, 0, 1, 0));
        assertThat(rowErrors(jobId)).extracting(error -> error.get(0) + ":" + error.get(2))
                .containsExactly("2:DUPLICATE_IN_FILE");
        lifecycle.confirm(jobStore.find(jobId).orElseThrow().ref());
        applyAll(jobId);

        assertThat(counts(jobId)).isEqualTo(new JobCounts(2L, 0L, 0L, 1L, 0L, 3L, "COMPLETED"));
        assertThat(jdbc.sql("SELECT string_agg(name || ':' || city || ':' || price_range, ' ' ORDER BY name)"
                        + " FROM restaurants WHERE tenant = :tenant")
                .param("tenant", tenant).query(String.class).single())
                .isEqualTo("Mar:Lisbon:1 Sol:Lisbon:2");
    }
}
