package com.bulkimport.model.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

import java.net.URI;

/**
 * Region and credentials for every AWS client (bound from {@code bulkimport.aws.*}). Without an
 * access key the SDK's default chain applies (environment, profile, ECS task role...), which is
 * what production uses; the local stack sets its demo keys.
 */
public record AwsSettings(String region, String accessKeyId, String secretAccessKey) {

    public AwsSettings {
        region = region == null || region.isBlank() ? "us-east-1" : region;
    }

    /** @param endpoint an endpoint override (local servers), or null/blank for AWS itself */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder, String endpoint) {
        builder.region(Region.of(region));
        if (accessKeyId != null && !accessKeyId.isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder;
    }
}
