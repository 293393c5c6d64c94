package com.bulkimport.relay.publish;

import com.bulkimport.local.embedded.EventRules;
import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventType;
import com.bulkimport.relay.outbox.OutboxMessage;
import com.bulkimport.relay.testing.OutboxRows;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.event.ruler.GenericMachine;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay's EventBridge entries against the shared rule file ({@code infra/event-rules.json}), matched
 * with event-ruler, AWS's own matcher: every work event type reaches the work queue, from every
 * service that writes it, and nothing else does; record changes reach the subscribers, finished jobs
 * the notifications; the rest reaches no one.
 */
class EventRulesContractTest {

    /** What the batch worker handles (ingest a started job, apply a ready batch, fetch failed images again). */
    static final Set<EventType> WORK = EnumSet.of(EventType.IMPORT_JOB_STARTED, EventType.IMPORT_BATCH_READY,
            EventType.IMPORT_IMAGES_RETRY);
    static final List<String> SOURCES = List.of("bulk-import.import-api", "bulk-import.batch-worker",
            "bulk-import.outbox-relay");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EventRules rules = EventRules.load();
    private final GenericMachine<String> machine = machine(rules);

    private static GenericMachine<String> machine(EventRules rules) {
        GenericMachine<String> machine = new GenericMachine<>();
        try {
            for (EventRules.Rule rule : rules.rules()) {
                machine.addRule(rule.name(), rule.patternJson());
            }
        } catch (Exception e) {
            throw new IllegalStateException("the rule file does not parse", e);
        }
        return machine;
    }

    /** Who writes which events: record changes and summaries come from the worker's apply only. */
    static final Set<String> RECORD_CHANGES = Set.of("RESTAURANT_CREATED", "RESTAURANT_UPDATED", "DISH_CREATED",
            "DISH_UPDATED", "PRODUCT_CREATED", "PRODUCT_UPDATED", "CUSTOMER_CREATED", "CUSTOMER_UPDATED",
            "PURCHASE_CREATED", "REVIEW_CREATED", "REVIEW_UPDATED", "INVENTORY_CREATED", "INVENTORY_UPDATED",
            "RESTAURANT_DELETED", "DISH_DELETED", "PRODUCT_DELETED", "CUSTOMER_DELETED", "PURCHASE_DELETED",
            "REVIEW_DELETED", "INVENTORY_DELETED", "IMPORT_BATCH_APPLIED");
    static final Set<String> COMPLETIONS = Set.of("IMPORT_JOB_COMPLETED", "IMPORT_JOB_FAILED", "IMPORT_JOB_CANCELLED");

    @Test
    void everyWorkEventTypeFromEveryServiceMatchesTheWorkRuleAndNoOtherTypeDoes() throws Exception {
        for (String source : SOURCES) {
            for (EventType type : EventType.values()) {
                List<String> matched = matches(entryFor(type.name(), source));
                if (WORK.contains(type)) {
                    assertThat(matched).as("%s from %s", type, source).containsExactly("import-work");
                } else {
                    assertThat(matched).as("%s from %s", type, source).doesNotContain("import-work");
                }
            }
        }
    }

    @Test
    void recordChangesReachTheSubscribersAndFinishedJobsTheNotifications() throws Exception {
        for (EventType type : EventType.values()) {
            List<String> fromWorker = matches(entryFor(type.name(), "bulk-import.batch-worker"));
            List<String> fromApi = matches(entryFor(type.name(), "bulk-import.import-api"));
            if (RECORD_CHANGES.contains(type.name())) {
                assertThat(fromWorker).as(type.name()).containsExactly("record-changes");
                assertThat(fromApi).as("only the worker applies: " + type).isEmpty();
            } else if (COMPLETIONS.contains(type.name())) {
                assertThat(fromWorker).as(type.name()).containsExactly("job-completions");
                assertThat(fromApi).as(type.name()).containsExactly("job-completions");
            } else if (!WORK.contains(type)) {
                assertThat(fromWorker).as(type.name()).isEmpty();
                assertThat(fromApi).as(type.name()).isEmpty();
            }
        }
        assertThat(RECORD_CHANGES).as("every record change is a type the code knows")
                .allSatisfy(type -> assertThat(EventType.named(type)).isPresent());
    }

    @Test
    void workTravelsInTheLaneOfItsPriorityAndWorkWithoutOneInTheNormalLane() throws Exception {
        for (EventType type : WORK) {
            for (String source : SOURCES) {
                assertThat(matches(entryFor(type.name(), source, "high"))).as("%s from %s", type, source)
                        .containsExactly("import-work-high");
                assertThat(matches(entryFor(type.name(), source, "normal"))).containsExactly("import-work");
                assertThat(matches(entryFor(type.name(), source, "low"))).containsExactly("import-work-low");
                assertThat(matches(entryFor(type.name(), source, null))).containsExactly("import-work");
            }
        }
        assertThat(rules.rules()).filteredOn(rule -> rule.name().startsWith("import-work"))
                .extracting(EventRules.Rule::queue).containsExactlyInAnyOrder("work", "work-high", "work-low");
        assertThat(rules.queues().get("work-high").deadLetterQueue()).as("the lanes share the work DLQ")
                .isEqualTo(rules.queues().get("work").deadLetterQueue())
                .isEqualTo(rules.queues().get("work-low").deadLetterQueue());
    }

    @Test
    void unrelatedTypesAndSourcesMatchNothing() throws Exception {
        assertThat(matches(entryFor("IMPORT_BATCH_READY", "someone-else"))).isEmpty();
        assertThat(matches(entryFor("IMPORT_BATCH_READY_V2", "bulk-import.batch-worker"))).isEmpty();
        assertThat(matches(entryFor("import_batch_ready", "bulk-import.batch-worker"))).isEmpty();
        assertThat(matches(entryFor("ORDER_SHIPPED", "bulk-import.import-api"))).isEmpty();
    }

    @Test
    void entriesGoToTheBusTheRulesBelongTo() {
        PutEventsRequestEntry entry = entryFor("IMPORT_JOB_STARTED", "bulk-import.import-api");
        assertThat(entry.eventBusName()).isEqualTo(rules.busName());
    }

    /** Exactly what the relay sends for an event of this type and source. */
    private PutEventsRequestEntry entryFor(String type, String source) {
        return entryFor(type, source, null);
    }

    /** @param priority the payload's, or null for none */
    private PutEventsRequestEntry entryFor(String type, String source, String priority) {
        Map<String, Object> payload = new java.util.HashMap<>();
        payload.put("job_id", UUID.randomUUID().toString());
        if (priority != null) {
            payload.put("priority", priority);
        }
        var envelope = OutboxRows.envelope(type, payload);
        var fromSource = new com.bulkimport.model.event.EventEnvelope(envelope.eventId(), envelope.timestamp(),
                envelope.eventType(), source, envelope.version(), envelope.traceId(), envelope.status(),
                envelope.payload());
        OutboxMessage message = OutboxMessage.of(envelope.eventId(), "import_job", "job-1", type,
                EventCodec.encode(fromSource), envelope.traceId());
        return EventBridgePublisher.entryFor(message, rules.busName());
    }

    /** The event EventBridge builds around an entry, as the rule patterns see it. */
    private List<String> matches(PutEventsRequestEntry entry) throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", entry.detailType());
        event.put("source", entry.source());
        event.put("account", "000000000000");
        event.put("time", "2026-01-01T00:00:00Z");
        event.put("region", "us-east-1");
        event.putArray("resources");
        event.set("detail", JSON.readTree(entry.detail()));
        return machine.rulesForJSONEvent(JSON.writeValueAsString(event));
    }
}
