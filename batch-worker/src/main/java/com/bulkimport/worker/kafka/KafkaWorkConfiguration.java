package com.bulkimport.worker.kafka;

import com.bulkimport.model.event.EventCodec;
import com.bulkimport.worker.deadletter.WorkRequeue;
import com.bulkimport.worker.deadletter.DeadLetterIntake;
import com.bulkimport.worker.metrics.ImportMetrics;
import com.bulkimport.worker.queue.WorkDispatcher;
import com.bulkimport.worker.queue.WorkTransport;
import com.bulkimport.worker.queue.WorkerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Duration;
import java.util.Optional;

/**
 * The Kafka transport ({@code bulkimport.worker.transport=kafka}): a consumer group on the work topic
 * feeding the same handlers as SQS, a dead-letter topic for what keeps failing, and a reader of that
 * topic that fails the batch or job like the SQS DLQ does. Offsets are committed per record
 * (MANUAL_IMMEDIATE) right after the handler's transaction, so a crash redelivers at most the
 * records in flight, which the inbox then drops.
 */
@Configuration(proxyBeanMethods = false)
@WorkTransport.Kafka
class KafkaWorkConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaWorkConfiguration.class);

    @Bean
    ConsumerFactory<String, String> workConsumerFactory(KafkaWorkProperties kafka,
                                                        ObjectProvider<MeterRegistry> registry) {
        DefaultKafkaConsumerFactory<String, String> factory = new DefaultKafkaConsumerFactory<>(
                KafkaClients.consumer(kafka));
        registry.ifAvailable(r -> factory.addListener(new MicrometerConsumerListener<>(r)));
        return factory;
    }

    @Bean
    ProducerFactory<String, String> workProducerFactory(KafkaWorkProperties kafka,
                                                        ObjectProvider<MeterRegistry> registry) {
        DefaultKafkaProducerFactory<String, String> factory = new DefaultKafkaProducerFactory<>(
                KafkaClients.producer(kafka));
        registry.ifAvailable(r -> factory.addListener(new MicrometerProducerListener<>(r)));
        return factory;
    }

    @Bean
    KafkaTemplate<String, String> workKafkaTemplate(ProducerFactory<String, String> workProducerFactory) {
        return new KafkaTemplate<>(workProducerFactory);
    }

    @Bean
    WorkRequeue kafkaWorkRequeue(KafkaTemplate<String, String> workKafkaTemplate, KafkaWorkProperties kafka) {
        return new KafkaWorkRequeue(workKafkaTemplate, kafka.topic(), Duration.ofSeconds(30));
    }

    @Bean(destroyMethod = "close")
    KafkaLag kafkaLag(KafkaWorkProperties kafka) {
        return new KafkaLag(Admin.create(KafkaClients.admin(kafka)), kafka);
    }

    /** Creates the topics that are missing before the consumers start; existing ones are left as they are. */
    @Bean
    KafkaAdmin workKafkaAdmin(KafkaWorkProperties kafka) {
        KafkaAdmin admin = new KafkaAdmin(KafkaClients.admin(kafka));
        admin.setAutoCreate(kafka.createTopics());
        return admin;
    }

    @Bean
    KafkaAdmin.NewTopics workTopics(KafkaWorkProperties kafka) {
        if (!kafka.createTopics()) {
            return new KafkaAdmin.NewTopics();
        }
        // broker defaults for partitions and replicas: the cluster's operators decide those
        return new KafkaAdmin.NewTopics(new NewTopic(kafka.topic(), Optional.empty(), Optional.empty()),
                new NewTopic(kafka.deadLetterTopic(), Optional.empty(), Optional.empty()));
    }

    /**
     * Failures other than {@code RetryLater}: delivered again after an exponential backoff (the consumer
     * waits, the record is not lost), then published to the dead-letter topic. Undecodable records skip
     * the retries. The dead letter keeps the record's key, so its partition is chosen by key as the
     * relay's are (partition -1), and the dead-letter topic needs no particular partition count.
     */
    @Bean
    DefaultErrorHandler workErrorHandler(KafkaWorkProperties kafka,
                                         KafkaTemplate<String, String> workKafkaTemplate) {
        String deadLetterTopic = kafka.deadLetterTopic();
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(workKafkaTemplate,
                (record, e) -> new TopicPartition(deadLetterTopic, -1));
        KafkaWorkProperties.Retry retry = kafka.retry();
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(EventCodec.MalformedEvent.class);
        // with MANUAL_IMMEDIATE the container commits nothing for a record that went to the DLT: the handler does
        handler.setCommitRecovered(true);
        return handler;
    }

    @Bean
    ConcurrentMessageListenerContainer<String, String> kafkaWorkContainer(
            ConsumerFactory<String, String> workConsumerFactory, DefaultErrorHandler workErrorHandler,
            KafkaWorkProperties kafka, WorkerProperties worker, WorkDispatcher dispatcher, ImportMetrics metrics) {
        ContainerProperties properties = new ContainerProperties(kafka.topic());
        properties.setGroupId(kafka.groupId());
        properties.setClientId("batch-worker-work");
        properties.setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
        // the dead letter carries the number of deliveries it had, for the operators' receive count
        properties.setDeliveryAttemptHeader(true);
        properties.setMessageListener(new KafkaWorkListener(dispatcher, metrics, kafka.maxNackDelay()));
        ConcurrentMessageListenerContainer<String, String> container = new ConcurrentMessageListenerContainer<>(
                workConsumerFactory, properties);
        container.setConcurrency(Math.max(1, worker.concurrency()));
        container.setCommonErrorHandler(workErrorHandler);
        container.setAutoStartup(worker.enabled());
        log.info("consuming Kafka topic {} as group {} with {} consumers; dead letters to {}", kafka.topic(),
                kafka.groupId(), container.getConcurrency(), kafka.deadLetterTopic());
        return container;
    }

    /** One consumer is plenty for what gives up; a failure here (the database away) retries without end. */
    @Bean
    ConcurrentMessageListenerContainer<String, String> kafkaDeadLetterContainer(
            ConsumerFactory<String, String> workConsumerFactory, KafkaWorkProperties kafka, DeadLetterIntake intake,
            WorkerProperties worker) {
        ContainerProperties properties = new ContainerProperties(kafka.deadLetterTopic());
        properties.setGroupId(kafka.deadLetterGroupId());
        properties.setClientId("batch-worker-dlt");
        properties.setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
        properties.setMessageListener(new KafkaDeadLetterListener(intake));
        ConcurrentMessageListenerContainer<String, String> container = new ConcurrentMessageListenerContainer<>(
                workConsumerFactory, properties);
        container.setConcurrency(1);
        container.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(5_000, FixedBackOff.UNLIMITED_ATTEMPTS)));
        container.setAutoStartup(worker.enabled());
        return container;
    }
}
