package com.bulkimport.infra.services;

import com.bulkimport.infra.Names;
import com.bulkimport.infra.database.Database;
import com.bulkimport.infra.messaging.Messaging;
import com.bulkimport.infra.storage.ImagesBucket;
import com.bulkimport.infra.storage.UploadBucket;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecs.CloudMapOptions;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.servicediscovery.DnsRecordType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every service is wired to: the cluster, the database, the bus and queues, the bucket, the images,
 * and the stage's names and log retention; {@code productImages} is the bucket of product images (not the
 * services' container images).
 */
public record ServiceContext(ICluster cluster, Database database, Messaging messaging, UploadBucket uploads,
                             ServiceImages images, Names names, RetentionDays logRetention, ImagesBucket productImages) {

    /** The variables all three services read (see each module's application yml). */
    Map<String, String> commonEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", Stack.of(cluster).getRegion());
        env.put("DATABASE_URL", database.jdbcUrl());
        return env;
    }

    Map<String, Secret> databaseCredentials() {
        return database.credentials();
    }

    static CloudMapOptions discoverableAs(String name) {
        return CloudMapOptions.builder().name(name).dnsRecordType(DnsRecordType.A).build();
    }

    /** A service in the stage's private DNS namespace (Cloud Map), where the API reaches the relay and the worker. */
    String internalUrl(ServiceContainer container) {
        return "http://" + container.name() + "." + names.namespace() + ":" + container.ports().get(0);
    }
}
