package com.bulkimport.relay.publish;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import com.bulkimport.relay.testing.OutboxRows;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a queue as a consumer would: receive, read attributes, delete. */
final class SqsReceiving {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SqsReceiving() {
    }

    /**
     * A row SQS refuses: its trace id, sent as a message attribute, holds a control character, which
     * is outside the characters SQS accepts (InvalidParameterValue).
     */
    static UUID writeRejected(OutboxRows rows, String type, String aggregate) {
        return rows.writeRaw(type, aggregate, "{\"event_id\":\"$ID\"}", "trace-\u0001");
    }

    static List<TransportContract.Received> receive(SqsClient sqs, String queueUrl, int atLeast) {
        List<TransportContract.Received> received = new ArrayList<>();
        for (int i = 0; i < 30 && received.size() < atLeast; i++) {
            received.addAll(receiveOnce(sqs, queueUrl, 1));
        }
        received.addAll(receiveOnce(sqs, queueUrl, 0));
        return received;
    }

    private static List<TransportContract.Received> receiveOnce(SqsClient sqs, String queueUrl, int waitSeconds) {
        List<TransportContract.Received> received = new ArrayList<>();
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
        for (Message m : messages) {
            Map<String, MessageAttributeValue> attributes = m.messageAttributes();
            UUID eventId = UUID.fromString(JSON.readTree(m.body()).get("event_id").asString());
            String traceId = attributes.containsKey(SqsPublisher.TRACE_ID)
                    ? attributes.get(SqsPublisher.TRACE_ID).stringValue() : null;
            received.add(new TransportContract.Received(eventId, attributes.get(SqsPublisher.EVENT_TYPE).stringValue(),
                    traceId, m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)));
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        }
        return received;
    }
}
