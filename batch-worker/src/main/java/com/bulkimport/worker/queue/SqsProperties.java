package com.bulkimport.worker.queue;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where work messages come from. */
@ConfigurationProperties("bulkimport.sqs")
public record SqsProperties(String endpoint, String workQueueUrl, String deadLetterQueueUrl) {
}
