package com.bulkimport.relay.admin;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventFilterUnitTest {

    @Test
    void readsStatusTypeAndAgesInEitherDurationForm() {
        EventFilter filter = EventFilter.parse("dead", "IMPORT_BATCH_READY", "2h", "P7D");

        assertThat(filter).isEqualTo(new EventFilter("DEAD", "IMPORT_BATCH_READY", Duration.ofHours(2),
                Duration.ofDays(7)));
        assertThat(filter.sql().where()).isEqualTo("status = :status AND type = :type"
                + " AND created_at < now() - make_interval(secs => :olderThan)"
                + " AND created_at >= now() - make_interval(secs => :newerThan)");
        assertThat(filter.sql().params()).containsEntry("olderThan", 7200.0).containsEntry("newerThan", 604800.0);
    }

    @Test
    void nothingGivenMatchesEverything() {
        assertThat(EventFilter.parse(null, " ", "", null).sql().where()).isEqualTo("TRUE");
    }

    @Test
    void namesTheValueItCannotUse() {
        assertThatThrownBy(() -> EventFilter.parse("GONE", null, null, null))
                .isInstanceOf(AdminProblem.InvalidRequest.class).hasMessageContaining("'GONE'");
        assertThatThrownBy(() -> EventFilter.parse(null, "x'; DROP TABLE outbox_events; --", null, null))
                .isInstanceOf(AdminProblem.InvalidRequest.class).hasMessageContaining("type must be");
        assertThatThrownBy(() -> EventFilter.parse(null, null, "-5m", null))
                .isInstanceOf(AdminProblem.InvalidRequest.class).hasMessageContaining("older_than");
        assertThatThrownBy(() -> EventFilter.parse(null, null, null, "soon"))
                .isInstanceOf(AdminProblem.InvalidRequest.class).hasMessageContaining("newer_than");
    }
}
