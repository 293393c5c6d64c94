package com.bulkimport.relay.publish;

import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import com.bulkimport.relay.outbox.OutboxMessage;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** SQS routing of work by priority: each lane's queue, the normal one for work without a priority or a lane. */
class RoutesUnitTest {

    @Test
    void workGoesToTheQueueOfItsPriorityAndOtherEventsByTheirAudience() {
        Routes routes = Routes.queues(Routes.lanes("q-high", "q-normal", "q-low"), "q-subscribers", "q-notifications");

        assertThat(routes.destination(message(EventType.IMPORT_BATCH_READY, "high"))).contains("q-high");
        assertThat(routes.destination(message(EventType.IMPORT_JOB_STARTED, "high"))).contains("q-high");
        assertThat(routes.destination(message(EventType.IMPORT_BATCH_READY, "normal"))).contains("q-normal");
        assertThat(routes.destination(message(EventType.IMPORT_BATCH_READY, "low"))).contains("q-low");
        assertThat(routes.destination(message(EventType.IMPORT_BATCH_READY, null))).as("written before priorities")
                .contains("q-normal");
        assertThat(routes.destination(message(EventType.IMPORT_BATCH_READY, "urgent"))).contains("q-normal");
        assertThat(routes.destination(message(EventType.IMPORT_JOB_COMPLETED, "high"))).contains("q-notifications");
        assertThat(routes.destinations()).containsExactly("q-high", "q-normal", "q-low", "q-subscribers",
                "q-notifications");
    }

    @Test
    void aPriorityWithoutALaneTravelsInTheNormalOne() {
        Routes routes = Routes.queues(Routes.lanes("", "q-normal", null), "", "");

        assertThat(routes.destination(message(EventType.IMPORT_BATCH_READY, "high"))).contains("q-normal");
        assertThat(routes.destination(message(EventType.IMPORT_JOB_STARTED, "low"))).contains("q-normal");
        assertThat(routes.destinations()).containsExactly("q-normal");
    }

    private static OutboxMessage message(EventType type, String priority) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("job_id", UUID.randomUUID().toString());
        if (priority != null) {
            payload.put("priority", priority);
        }
        EventEnvelope envelope = EventEnvelope.of(type, "bulk-import.import-api", "trace", "READY", payload);
        return OutboxMessage.of(envelope.eventId(), "import_job", "job-1", type.name(), EventCodec.encode(envelope),
                "trace");
    }
}
