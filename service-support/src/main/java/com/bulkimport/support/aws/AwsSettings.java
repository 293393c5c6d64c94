package com.bulkimport.support.aws;

import org.springframework.boot.context.properties.ConfigurationProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

import java.net.URI;

/**
 * Region and credentials for every AWS client ({@code bulkimport.aws.*}; each service's yml maps
 * {@code AWS_REGION} onto the region). Without an access key the SDK's default chain applies
 * (environment, profile, ECS task role...), which is what production uses; the local stack sets its demo keys.
 */
@ConfigurationProperties("bulkimport.aws")
public record AwsSettings(String region, String accessKeyId, String secretAccessKey) {

    public AwsSettings {
        region = region == null || region.isBlank() ? "us-east-1" : region;
    }

    /** @param endpoint an endpoint override (local servers), or null/blank for AWS itself */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder, String endpoint) {
        builder.region(Region.of(region));
        builder.credentialsProvider(credentialsProvider());
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder;
    }

    /** For builders that are no client builders (the S3 presigner). */
    public AwsCredentialsProvider credentialsProvider() {
        if (accessKeyId != null && !accessKeyId.isBlank()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
