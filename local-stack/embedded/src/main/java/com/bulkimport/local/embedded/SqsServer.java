package com.bulkimport.local.embedded;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** ElasticMQ, a real SQS-compatible server, in this process; creates the queues of {@link EventRules}. */
public final class SqsServer implements AutoCloseable {

    private final SQSRestServer server;
    private final int port;
    private final Map<String, String> queueUrls = new LinkedHashMap<>();

    private SqsServer(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static SqsServer start(int port, EventRules rules) {
        int actualPort = port > 0 ? port : FreePorts.find();
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(actualPort)
                .withAWSRegion(LocalCredentials.REGION).start();
        server.waitUntilStarted();
        SqsServer sqs = new SqsServer(server, actualPort);
        sqs.createQueues(rules);
        return sqs;
    }

    private void createQueues(EventRules rules) {
        try (SqsClient sqs = client()) {
            rules.queues().forEach((key, spec) -> {
                String dlqUrl = sqs.createQueue(b -> b.queueName(spec.deadLetterQueue())).queueUrl();
                String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl)
                        .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
                String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\""
                        + spec.maxReceiveCount() + "\"}";
                String url = sqs.createQueue(b -> b.queueName(spec.name()).attributes(Map.of(
                        QueueAttributeName.REDRIVE_POLICY, redrive,
                        QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(spec.visibilityTimeoutSeconds()))))
                        .queueUrl();
                queueUrls.put(key, url);
                queueUrls.put(key + "-dlq", dlqUrl);
            });
        }
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Queue URL by rule-file key ({@code work}) or its DLQ ({@code work-dlq}). */
    public String queueUrl(String key) {
        String url = queueUrls.get(key);
        if (url == null) {
            throw new IllegalArgumentException("no queue " + key + "; known: " + queueUrls.keySet());
        }
        return url;
    }

    public SqsClient client() {
        return SqsClient.builder().endpointOverride(URI.create(endpoint()))
                .region(Region.of(LocalCredentials.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)))
                .build();
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
