package com.bulkimport.relay.publish;

import com.bulkimport.model.event.EventCodec;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.relay.testing.OutboxRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** EventBridge through the local PutEvents endpoint, whose rule (the shared rule file) routes work into ElasticMQ. */
@TestPropertySource(properties = "bulkimport.relay.transport=eventbridge")
class EventBridgeTransportContractTest extends TransportContract {

    private final SqsClient sqs = INFRA.sqs().client();
    private final List<JsonNode> calls = new CopyOnWriteArrayList<>();

    @Override
    String eventType() {
        return "IMPORT_BATCH_READY";
    }

    @Override
    int maxEventBytes() {
        return EventBridgePublisher.MAX_BYTES;
    }

    @Override
    UUID writeRejected(String aggregate) {
        return rows.writeRaw(eventType(), aggregate, "[\"an envelope must be an object\"]"); // MalformedDetail
    }

    @Override
    boolean promisesOrder() {
        return false;
    }

    @Override
    boolean carriesAggregateKey() {
        return false;
    }

    @Override
    void startReceiving() {
        sqs.purgeQueue(b -> b.queueUrl(INFRA.workQueueUrl()));
        calls.clear();
        INFRA.events().observeCalls(calls::add);
    }

    @AfterEach
    void stopObserving() {
        INFRA.events().clearCallObservers();
    }

    @Override
    List<Received> receive(int atLeast) {
        List<Received> received = new ArrayList<>();
        for (int i = 0; i < 20 && received.size() < atLeast; i++) {
            received.addAll(receiveOnce(1));
        }
        received.addAll(receiveOnce(0));
        return received;
    }

    /** The rule file sends work, and nothing else, to the work queue; no rule matches the rest. */
    @Override
    Optional<String> destinationOf(String type) {
        return Set.of("IMPORT_JOB_STARTED", "IMPORT_BATCH_READY", "IMPORT_IMAGES_RETRY").contains(type)
                ? Optional.of(INFRA.workQueueUrl()) : Optional.empty();
    }

    @Override
    Set<String> destinations() {
        return Set.of(INFRA.workQueueUrl());
    }

    @Override
    String workDestination() {
        return INFRA.workQueueUrl();
    }

    @Override
    List<Received> receiveAt(String destination, int atLeast) {
        return receive(atLeast);
    }

    @Override
    boolean routesItself() {
        return false;
    }

    private List<Received> receiveOnce(int waitSeconds) {
        List<Received> received = new ArrayList<>();
        for (Message m : sqs.receiveMessage(b -> b.queueUrl(INFRA.workQueueUrl()).maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds)).messages()) {
            EventEnvelope event = EventCodec.decode(m.body());
            received.add(new Received(event.eventId(), event.eventType(), event.traceId(), null));
            sqs.deleteMessage(b -> b.queueUrl(INFRA.workQueueUrl()).receiptHandle(m.receiptHandle()));
        }
        return received;
    }

    @Test
    void eachCallHoldsAtMostTenEntriesAnd256KbWithSourceAndDetailTypeFromTheEnvelope() {
        for (int i = 0; i < 27; i++) {
            rows.write(eventType(), "job-" + i, Map.of("pad", "x".repeat(i < 12 ? 40_000 : 10)));
        }

        assertThat(drain()).isEqualTo(27);

        assertThat(calls).hasSizeGreaterThanOrEqualTo(3);
        int entries = 0;
        for (JsonNode call : calls) {
            JsonNode callEntries = call.get("Entries");
            assertThat(callEntries.size()).isBetween(1, 10);
            int bytes = 0;
            for (JsonNode entry : callEntries) {
                assertThat(entry.get("Source").asString()).isEqualTo(OutboxRows.SOURCE);
                assertThat(entry.get("DetailType").asString()).isEqualTo(eventType());
                assertThat(entry.get("EventBusName").asString()).isEqualTo(INFRA.rules().busName());
                bytes += 14 + utf8(entry.get("Source").asString()) + utf8(entry.get("DetailType").asString())
                        + utf8(entry.get("Detail").asString());
                entries++;
            }
            assertThat(bytes).isLessThanOrEqualTo(256 * 1024);
        }
        assertThat(entries).isEqualTo(27);
        assertThat(receive(27)).hasSize(27);
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
