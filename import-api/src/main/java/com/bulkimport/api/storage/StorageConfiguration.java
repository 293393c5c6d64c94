package com.bulkimport.api.storage;

import com.bulkimport.support.aws.AwsSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean(destroyMethod = "close")
    S3Client s3Client(AwsSettings aws, StorageProperties storage) {
        return aws.configure(S3Client.builder(), storage.endpoint())
                .forcePathStyle(storage.endpoint() != null && !storage.endpoint().isBlank())
                .build();
    }

    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner(AwsSettings aws, StorageProperties storage) {
        S3Presigner.Builder builder = S3Presigner.builder().region(Region.of(aws.region()))
                .credentialsProvider(aws.credentialsProvider())
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(storage.endpoint() != null && !storage.endpoint().isBlank()).build());
        if (storage.endpoint() != null && !storage.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(storage.endpoint()));
        }
        return builder.build();
    }
}
