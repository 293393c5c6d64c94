package com.bulkimport.model.event;

import com.bulkimport.model.ImportKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventTypeAudienceUnitTest {

    @Test
    void workGoesToTheWorkersOnly() {
        assertThat(typesFor(Audience.WORKERS))
                .containsExactlyInAnyOrder(EventType.IMPORT_JOB_STARTED, EventType.IMPORT_BATCH_READY,
                        EventType.IMPORT_IMAGES_RETRY);
    }

    @Test
    void aJobsEndGoesToNotifications() {
        assertThat(typesFor(Audience.NOTIFICATIONS)).containsExactlyInAnyOrder(EventType.IMPORT_JOB_COMPLETED,
                EventType.IMPORT_JOB_FAILED, EventType.IMPORT_JOB_CANCELLED);
    }

    @Test
    void everyRecordEventAndTheBatchSummaryGoToSubscribers() {
        List<EventType> records = Arrays.stream(EventType.values()).filter(EventType::announcesARecord).toList();
        assertThat(records).hasSize(20);
        assertThat(typesFor(Audience.SUBSCRIBERS)).containsExactlyInAnyOrderElementsOf(
                concat(records, EventType.IMPORT_BATCH_APPLIED));
    }

    @Test
    void aCreatedPausedOrResumedJobIsForNobody() {
        assertThat(typesFor(Audience.NONE)).containsExactlyInAnyOrder(EventType.IMPORT_JOB_CREATED,
                EventType.IMPORT_JOB_PAUSED, EventType.IMPORT_JOB_RESUMED);
    }

    @Test
    void aTypeByItsNameAndAnUnknownOneAsNone() {
        assertThat(EventType.audienceOf("IMPORT_BATCH_READY")).isEqualTo(Audience.WORKERS);
        assertThat(EventType.audienceOf("PRODUCT_UPDATED")).isEqualTo(Audience.SUBSCRIBERS);
        assertThat(EventType.audienceOf("IMPORT_JOB_FAILED")).isEqualTo(Audience.NOTIFICATIONS);
        assertThat(EventType.audienceOf("IMPORT_BATCH_COMPLETED")).isEqualTo(Audience.NONE);
        assertThat(EventType.audienceOf("import_batch_ready")).isEqualTo(Audience.NONE);
        assertThat(EventType.audienceOf("")).isEqualTo(Audience.NONE);
        assertThat(EventType.audienceOf(null)).isEqualTo(Audience.NONE);
    }

    @Test
    void aRecordEventNamesItsRecordAsTheKindDoes() {
        for (ImportKind kind : ImportKind.values()) {
            assertThat(EventType.ofRecord(kind, true).recordName()).contains(kind.recordName());
            assertThat(EventType.ofDeletedRecord(kind).recordName()).contains(kind.recordName());
        }
        assertThat(EventType.DISH_UPDATED.recordName()).contains("dish");
        assertThat(EventType.REVIEW_UPDATED.recordName()).contains("review");
        assertThat(EventType.INVENTORY_UPDATED.recordName()).contains("inventory");
        assertThat(EventType.IMPORT_BATCH_APPLIED.recordName()).isEmpty();
        assertThat(EventType.IMPORT_JOB_STARTED.recordName()).isEmpty();
    }

    private static List<EventType> typesFor(Audience audience) {
        Map<Audience, List<EventType>> byAudience = new EnumMap<>(Audience.class);
        for (EventType type : EventType.values()) {
            byAudience.computeIfAbsent(type.audience(), a -> new ArrayList<>()).add(type);
        }
        return byAudience.getOrDefault(audience, List.of());
    }

    private static List<EventType> concat(List<EventType> types, EventType more) {
        List<EventType> all = new ArrayList<>(types);
        all.add(more);
        return all;
    }
}
