package com.bulkimport.worker.queue;

import com.bulkimport.worker.ingest.UploadBucket;
import com.bulkimport.support.aws.AwsSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

@Configuration(proxyBeanMethods = false)
class AwsClientsConfiguration {

    /** Not with the Kafka transport: then nothing here talks to SQS, and no SQS endpoint is needed. */
    @Bean(destroyMethod = "close")
    @WorkTransport.Sqs
    SqsClient sqsClient(AwsSettings aws, SqsProperties sqs) {
        return aws.configure(SqsClient.builder(), sqs.endpoint()).build();
    }

    @Bean(destroyMethod = "close")
    S3Client s3Client(AwsSettings aws, UploadBucket upload) {
        String endpoint = upload.endpoint() == null ? "" : upload.endpoint();
        return aws.configure(S3Client.builder(), endpoint).forcePathStyle(!endpoint.isBlank()).build();
    }
}
