package com.bulkimport.infra.services;

import com.bulkimport.infra.database.Database;
import com.bulkimport.infra.messaging.Messaging;
import com.bulkimport.infra.storage.UploadBucket;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecs.CloudMapOptions;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.servicediscovery.DnsRecordType;

import java.util.LinkedHashMap;
import java.util.Map;

/** What every service is wired to: the cluster, the database, the bus and queues, the bucket, the images. */
public record ServiceContext(ICluster cluster, Database database, Messaging messaging, UploadBucket uploads,
                             ServiceImages images) {

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

    /** The private DNS namespace (Cloud Map) the relay and the worker register in, for the API to reach them. */
    public static final String NAMESPACE = "bulk-import.internal";

    static CloudMapOptions discoverableAs(String name) {
        return CloudMapOptions.builder().name(name).dnsRecordType(DnsRecordType.A).build();
    }

    static String internalUrl(ServiceContainer container) {
        return "http://" + container.name() + "." + NAMESPACE + ":" + container.ports().get(0);
    }
}
