package com.bulkimport.local.embedded;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PutEventsEndpointIntegrationTest {

    static LocalInfra infra;
    static EventBridgeClient events;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        infra = LocalInfra.shared();
        events = EventBridgeClient.builder().endpointOverride(URI.create(infra.events().endpoint()))
                .region(Region.of(LocalCredentials.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)))
                .build();
        sqs = infra.sqs().client();
    }

    @AfterEach
    void drain() {
        infra.events().clearFaults();
        sqs.purgeQueue(b -> b.queueUrl(infra.workQueueUrl()));
    }

    private static PutEventsRequestEntry entry(String source, String type, String detail) {
        return PutEventsRequestEntry.builder().eventBusName("bulk-import").source(source).detailType(type)
                .detail(detail).build();
    }

    private static List<Message> receiveAll(int expected) {
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 10 && all.size() < expected; i++) {
            all.addAll(sqs.receiveMessage(b -> b.queueUrl(infra.workQueueUrl()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages());
        }
        return all;
    }

    @Test
    void routesMatchingEventsToTheWorkQueueAsTheDetailOnly() {
        PutEventsResponse response = events.putEvents(b -> b.entries(
                entry("bulk-import.import-api", "IMPORT_JOB_STARTED", "{\"event_id\":\"a\",\"n\":1}"),
                entry("bulk-import.import-api", "IMPORT_JOB_CREATED", "{\"event_id\":\"b\"}"),
                entry("someone-else", "IMPORT_JOB_STARTED", "{\"event_id\":\"c\"}")));

        assertThat(response.failedEntryCount()).isZero();
        assertThat(response.entries()).allSatisfy(e -> assertThat(e.eventId()).isNotBlank());
        List<Message> messages = receiveAll(1);
        assertThat(messages).extracting(Message::body).containsExactly("{\"event_id\":\"a\",\"n\":1}");
    }

    @Test
    void reportsPerEntryFailuresAndDeliversTheRest() {
        infra.events().failEntries(d -> "x".equals(d.path("event_id").asString()), "ThrottlingException", 1);

        PutEventsResponse response = events.putEvents(b -> b.entries(
                entry("bulk-import.batch-worker", "IMPORT_BATCH_READY", "{\"event_id\":\"x\"}"),
                entry("bulk-import.batch-worker", "IMPORT_BATCH_READY", "{\"event_id\":\"y\"}"),
                entry("bulk-import.batch-worker", "IMPORT_BATCH_READY", "not json")));

        assertThat(response.failedEntryCount()).isEqualTo(2);
        assertThat(response.entries().get(0).errorCode()).isEqualTo("ThrottlingException");
        assertThat(response.entries().get(1).errorCode()).isNull();
        assertThat(response.entries().get(2).errorCode()).isEqualTo("MalformedDetail");
        assertThat(receiveAll(1)).extracting(Message::body).containsExactly("{\"event_id\":\"y\"}");
    }

    @Test
    void refusesMoreThanTenEntriesAsAwsDoes() {
        List<PutEventsRequestEntry> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(entry("bulk-import.import-api", "IMPORT_JOB_STARTED", "{}"));
        }
        assertThatThrownBy(() -> events.putEvents(b -> b.entries(eleven)))
                .hasMessageContaining("1 to 10 entries");
    }

    @Test
    void unknownBusFailsTheEntry() {
        PutEventsResponse response = events.putEvents(b -> b.entries(PutEventsRequestEntry.builder()
                .eventBusName("nope").source("bulk-import.import-api").detailType("IMPORT_JOB_STARTED")
                .detail("{}").build()));
        assertThat(response.entries().get(0).errorCode()).isEqualTo("ResourceNotFoundException");
    }
}
