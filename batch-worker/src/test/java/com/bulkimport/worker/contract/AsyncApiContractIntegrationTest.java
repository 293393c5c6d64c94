package com.bulkimport.worker.contract;

import com.bulkimport.engine.job.JobRef;
import com.bulkimport.engine.job.LostWork;
import com.bulkimport.engine.review.Correction;
import com.bulkimport.engine.revert.Reverts;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventType;
import com.bulkimport.worker.WorkerIntegrationTest;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event the system emits validates against its schema in docs/asyncapi.yaml: this test makes
 * real imports produce every event type (records of every kind created and updated, summaries, work,
 * every end of a job, a retry, work sent again, a pause and a resume) and checks each outbox row against the message its
 * type names, with additional properties refused, so the document cannot drift from the code.
 */
class AsyncApiContractIntegrationTest extends WorkerIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");

    @Autowired
    LostWork lostWork;
    @Autowired
    Reverts reverts;
    @Autowired
    TransactionTemplate tx;

    /** The schema of each type's envelope, resolved inside the AsyncAPI document. */
    private static Schema schemaFor(String eventType) throws Exception {
        JsonNode document = YAMLMapper.builder().build().readTree(Files.readString(DOCUMENT));
        String name = switch (eventType) {
            case "IMPORT_JOB_CREATED" -> "ImportJobCreatedEvent";
            case "IMPORT_JOB_STARTED" -> "ImportJobStartedEvent";
            case "IMPORT_BATCH_READY" -> "ImportBatchReadyEvent";
            case "IMPORT_IMAGES_RETRY" -> "ImportImagesRetryEvent";
            case "IMPORT_BATCH_APPLIED" -> "ImportBatchAppliedEvent";
            case "IMPORT_JOB_COMPLETED" -> "ImportJobCompletedEvent";
            case "IMPORT_JOB_FAILED" -> "ImportJobFailedEvent";
            case "IMPORT_JOB_CANCELLED" -> "ImportJobCancelledEvent";
            case "IMPORT_JOB_PAUSED" -> "ImportJobPausedEvent";
            case "IMPORT_JOB_RESUMED" -> "ImportJobResumedEvent";
            default -> eventType.endsWith("_CREATED") ? "RecordCreatedEvent"
                    : eventType.endsWith("_DELETED") ? "RecordDeletedEvent" : "RecordUpdatedEvent";
        };
        // the message's own schema at the root, the document's components beside it for its $refs
        ObjectNode root = JSON.createObjectNode();
        root.put("$ref", "#/components/schemas/" + name);
        root.set("components", document.get("components"));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(SchemaLocation.of("urn:bulk-import:asyncapi"), root);
    }

    private static List<String> violations(JsonNode envelope) throws Exception {
        return schemaFor(envelope.get("event_type").asString()).validate(envelope).stream().map(Error::toString).toList();
    }

    @Test
    void everyEventTheSystemEmitsValidatesAgainstItsMessageSchema() throws Exception {
        // records of every kind, created and changed
        List<UUID> imports = new ArrayList<>();
        imports.add(importFile("restaurants", utf8("external_id,name,city\nR1,Cafe Sol,Lisbon\nR2,Tasca,Porto\n"), "{}"));
        imports.add(importFile("restaurants", utf8("external_id,name,city\nR1,Cafe Sol,Braga\n"), "{}"));
        imports.add(importFile("dishes", utf8("restaurant_external_id,name,price\nR1,Soup,4.5\n"), "{}"));
        imports.add(importFile("dishes", utf8("restaurant_external_id,name,price\nR1,Soup,5\n"), "{}"));
        imports.add(importFile("products", utf8("sku,barcode,name,brand,category\nS1,4006381333931,Tea,Leafy,Drinks\n"), "{}"));
        imports.add(importFile("products", utf8("sku,name,brand,category\nS1,Green Tea,Leafy,Drinks\n"), "{}"));
        imports.add(importFile("customers", utf8("customer_ref,name,email\nC1,Ann,ann@example.com\n"), "{}"));
        imports.add(importFile("customers", utf8("customer_ref,name,email\nC1,Anna,ann@example.com\n"), "{}"));
        imports.add(importFile("purchases", utf8("transaction_ref,merchant,customer_ref,sku,quantity,unit_price\n"
                + "T1,m1,C1,S1,2,1.50\nT1,m1,C1,S1,1,1.50\n"), "{}"));
        imports.add(importFile("reviews", utf8("review_ref,restaurant_external_id,rating,text,reviewed_at\n"
                + "RV1,R1,4,Fresh fish,2024-03-01 12:00\n"), "{}"));
        imports.add(importFile("reviews", utf8("review_ref,restaurant_external_id,rating\nRV1,R2,5\n"), "{}"));
        imports.add(importFile("inventory", utf8("store_ref,sku,quantity,price,currency,updated_at\n"
                + "ST1,S1,3,1.5,EUR,2024-03-01 10:00\n"), "{}"));
        imports.add(importFile("inventory", utf8("store_ref,barcode,quantity,updated_at\n"
                + "ST1,4006381333931,4,2024-03-02 10:00\n"), "{}"));
        // every import reverted, the latest first: each kind's records restored, then deleted
        for (int i = imports.size() - 1; i >= 0; i--) {
            UUID target = imports.get(i);
            UUID revert = UUID.randomUUID();
            tx.executeWithoutResult(status -> reverts.start(revert, target, "trace", 100));
            applyAll(revert);
        }
        // a dry run whose refused row its owner skipped at review: the end event counts it
        reviewedImport("customers", utf8("customer_ref,name,email\nC6,Fay,fay@example.com\nC7,Gil,nope\n"), "{}",
                new Correction.SkipRowsWithErrors());
        // a batch summary
        importFile("customers", utf8("customer_ref,name\nC2,Bo\n"), "{\"events\": \"summary\"}");
        // a failure, a cancel, a retried ingest, work sent again
        UUID broken = pendingJob("restaurants", utf8("external_id,city\nR9,Lisbon\n"), "{}", "COMMIT");
        dispatcher.dispatch(startedEvent(broken));
        UUID cancelled = pendingJob("customers", utf8("customer_ref,name\nC3,Cy\n"), "{}", "COMMIT");
        assertThat(ownerCancels(cancelled)).isEqualTo(JobStatus.CANCELLING);
        dispatcher.dispatch(startedEvent(cancelled));
        JobRef failedBefore = jobStore.find(broken).orElseThrow().ref();
        lifecycle.retry(failedBefore, "imports/" + broken + "/file.csv");
        lostWork.resendIngest(failedBefore, "imports/" + broken + "/file.csv", JobStatus.PENDING);
        UUID pending = pendingJob("customers", utf8("customer_ref,name\nC4,Di\n"), "{}", "COMMIT");
        dispatcher.dispatch(startedEvent(pending));
        lostWork.resendPendingBatches(jobStore.find(pending).orElseThrow().ref());
        // a pause and its resume, before the batches existed and while they were applied
        JobRef pausedIngest = jobStore.find(pendingJob("customers", utf8("customer_ref,name\nC5,Ed\n"), "{}", "COMMIT"))
                .orElseThrow().ref();
        lifecycle.pause(pausedIngest);
        lifecycle.resume(pausedIngest, "imports/" + pausedIngest.id() + "/file.csv");
        UUID applying = pendingJob("products", utf8("sku,name,category\nS7,Tea,Drinks\n"), "{}", "COMMIT");
        dispatcher.dispatch(startedEvent(applying));
        JobRef pausedApply = jobStore.find(applying).orElseThrow().ref();
        lifecycle.pause(pausedApply);
        lifecycle.resume(pausedApply, "imports/" + applying + "/file.csv");
        // a finished product import whose images partly failed, retried for them
        UUID withImages = importFile("products", utf8("sku,name,category\nS8,Tea,Drinks\n"), "{}");
        jdbc.sql("UPDATE import_jobs SET images_total = 1, images_failed = 1 WHERE id = :id").param("id", withImages)
                .update();
        tx.executeWithoutResult(status -> lifecycle.retryImages(jobStore.find(withImages).orElseThrow().ref()));
        // a new job and its start, as the API writes them
        JobRef created = awaitingUpload();
        lifecycle.created(created, "file.csv", null);
        lifecycle.start(created, "imports/" + created.id() + "/file.csv");

        List<JsonNode> emitted = jdbc.sql("SELECT payload::text FROM outbox_events"
                        + " WHERE payload #>> '{payload,tenant}' = :tenant ORDER BY created_at")
                .param("tenant", tenant).query(String.class).list().stream().map(JSON::readTree).toList();

        Map<String, List<String>> invalid = new LinkedHashMap<>();
        Set<String> seen = new TreeSet<>();
        for (JsonNode event : emitted) {
            seen.add(event.get("event_type").asString());
            List<String> problems = violations(event);
            if (!problems.isEmpty()) {
                invalid.put(event.get("event_type").asString() + " " + event, problems);
            }
        }
        assertThat(invalid).as("events that do not fit docs/asyncapi.yaml").isEmpty();
        Set<String> expected = new TreeSet<>();
        EnumSet.allOf(EventType.class).forEach(type -> expected.add(type.name()));
        expected.remove("PURCHASE_UPDATED");
        assertThat(seen).as("every event type this test can make, made").containsAll(expected);
        assertThat(emitted.stream().filter(e -> e.at("/payload/resent").asBoolean(false))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(emitted.stream().filter(e -> e.at("/payload/skipped").asLong(0) == 1)).as("rows skipped at review")
                .hasSize(1);
    }

    @Test
    void anEventThatDriftsFromTheDocumentIsCaught() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree("""
                {"event_id": "0f8fad5b-d9cb-469f-a165-70867728950e", "timestamp": "2026-01-02T03:04:05.123456Z",
                 "event_type": "IMPORT_BATCH_READY", "source": "bulk-import.batch-worker", "version": "1.0",
                 "trace_id": "t", "status": "READY",
                 "payload": {"job_id": "0f8fad5b-d9cb-469f-a165-70867728950e", "kind": "restaurants", "tenant": "t",
                             "owner": "o", "batch_id": "0f8fad5b-d9cb-469f-a165-70867728950e", "seq": 0, "row_count": 5}}""");
        assertThat(violations(event)).isEmpty();

        ((ObjectNode) event.get("payload")).put("rows", 5);
        assertThat(violations(event)).as("a field the document does not name").isNotEmpty();
        ((ObjectNode) event.get("payload")).remove("rows");
        ((ObjectNode) event.get("payload")).remove("batch_id");
        assertThat(violations(event)).as("a required field missing").isNotEmpty();
        ((ObjectNode) event.get("payload")).put("batch_id", "not-a-uuid");
        assertThat(violations(event)).as("a malformed id").isNotEmpty();
    }

    /** A job created by the API's insert, awaiting its upload. */
    private JobRef awaitingUpload() {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO import_jobs (id, owner, tenant, kind, mode, status, file_name, object_key, trace_id)
                        VALUES (:id, 'tester', :tenant, 'customers', 'COMMIT', 'AWAITING_UPLOAD', 'file.csv', :key, 'trace')""")
                .param("id", id).param("tenant", tenant).param("key", "imports/" + id + "/file.csv").update();
        return new JobRef(id, "tester", tenant, ImportKind.CUSTOMERS, ImportMode.COMMIT, "trace", ImportOptions.DEFAULT);
    }
}
