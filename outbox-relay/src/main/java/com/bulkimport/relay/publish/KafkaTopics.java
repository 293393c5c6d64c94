package com.bulkimport.relay.publish;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the Kafka transport's missing topics when the relay starts, with the broker's default
 * partitions and replicas (the cluster's operators decide those; existing topics are left as they are).
 * A send to a missing topic would block for {@code max.block.ms} and count as the transport being down,
 * holding up every other event too.
 */
final class KafkaTopics {

    private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);
    private static final long TIMEOUT_MS = 10_000;

    private KafkaTopics() {
    }

    static void createMissing(Map<String, Object> producerConfig, Set<String> topics) {
        try (Admin admin = Admin.create(adminConfig(producerConfig))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, Optional.empty(), Optional.empty())).toList();
            if (missing.isEmpty()) {
                return;
            }
            for (var created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    log.info("created Kafka topic {}", created.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) { // another relay was quicker
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("could not create the Kafka topics {} (events to a missing topic wait until it exists): {}",
                    topics, e.toString());
        }
    }

    /** The cluster and its security settings, from the producer's. */
    private static Map<String, Object> adminConfig(Map<String, Object> producerConfig) {
        Map<String, Object> config = new HashMap<>();
        producerConfig.forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")
                    || key.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                    || key.equals(AdminClientConfig.CLIENT_DNS_LOOKUP_CONFIG)) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "outbox-relay-admin");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return config;
    }
}
