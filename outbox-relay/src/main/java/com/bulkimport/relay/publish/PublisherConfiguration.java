package com.bulkimport.relay.publish;

import com.bulkimport.support.aws.AwsSettings;
import com.bulkimport.relay.outbox.RelayProperties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.HashMap;
import java.util.Map;

/** Chooses the transport from {@code bulkimport.relay.transport}: eventbridge, sqs or kafka. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TransportProperties.EventBridge.class, TransportProperties.Sqs.class,
        TransportProperties.Kafka.class})
class PublisherConfiguration {

    @Bean
    Publisher publisher(RelayProperties relay, AwsSettings aws, TransportProperties.EventBridge eventBridge,
                        TransportProperties.Sqs sqs, TransportProperties.Kafka kafka) {
        return switch (relay.transport()) {
            case "eventbridge" -> new EventBridgePublisher(
                    aws.configure(EventBridgeClient.builder(), eventBridge.endpoint()).build(),
                    eventBridge.busName(), eventBridge.parallelCalls());
            case "sqs" -> new SqsPublisher(aws.configure(SqsClient.builder(), sqs.endpoint()).build(),
                    Routes.queues(Routes.lanes(sqs.highQueueUrl(), sqs.queueUrl(), sqs.lowQueueUrl()),
                            sqs.subscribersQueueUrl(), sqs.notificationsQueueUrl()),
                    sqs.parallelCalls());
            case "kafka" -> kafka(kafka);
            default -> throw new IllegalStateException("bulkimport.relay.transport must be eventbridge, sqs or kafka, got '"
                    + relay.transport() + "'");
        };
    }

    private static KafkaPublisher kafka(TransportProperties.Kafka kafka) {
        Map<String, Object> config = new HashMap<>(kafka.producer());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        // no record lost once acknowledged, none duplicated or reordered by the producer's own retries
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        int inFlight = Integer.parseInt(config.getOrDefault(
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5").toString());
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, Math.min(inFlight, 5));
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        // a broker that is down must fail a round in seconds, not the client's default minute
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1048576");
        int maxRecordBytes = Integer.parseInt(config.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG).toString());
        Routes routes = Routes.topics(kafka.topic(), kafka.recordsTopicPrefix(), kafka.jobsTopic());
        if (kafka.createTopics()) {
            KafkaTopics.createMissing(config, routes.destinations());
        }
        return new KafkaPublisher(new DefaultKafkaProducerFactory<>(config), routes, maxRecordBytes,
                kafka.ackTimeout(config));
    }
}
