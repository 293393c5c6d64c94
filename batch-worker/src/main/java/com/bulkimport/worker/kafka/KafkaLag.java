package com.bulkimport.worker.kafka;

import com.bulkimport.worker.metrics.QueueDepths;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records not committed yet, summed over the partitions: of the work topic by the worker group, of the
 * dead-letter topic by its reader's group. Kafka's counterpart of the messages waiting in an SQS queue. A partition the
 * group never committed counts from its earliest record, where the group will start.
 */
final class KafkaLag implements QueueDepths, AutoCloseable {

    private final Admin admin;
    private final KafkaWorkProperties kafka;
    private final Duration timeout = Duration.ofSeconds(10);

    KafkaLag(Admin admin, KafkaWorkProperties kafka) {
        this.admin = admin;
        this.kafka = kafka;
    }

    @Override
    public long work() {
        return lag(kafka.groupId(), kafka.topic());
    }

    @Override
    public long deadLetters() {
        return lag(kafka.deadLetterGroupId(), kafka.deadLetterTopic());
    }

    private long lag(String groupId, String name) {
        List<TopicPartition> partitions = await(admin.describeTopics(List.of(name)).allTopicNames()).get(name)
                .partitions().stream().map(p -> new TopicPartition(name, p.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> committed = await(admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = offsets(partitions.stream()
                .filter(p -> committed.get(p) == null).toList(), OffsetSpec.earliest());
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata done = committed.get(partition);
            long from = done != null ? done.offset() : starts.get(partition).offset();
            lag += Math.max(0, ends.get(partition).offset() - from);
        }
        return lag;
    }

    private Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets(List<TopicPartition> partitions,
                                                                                 OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        partitions.forEach(p -> wanted.put(p, spec));
        return await(admin.listOffsets(wanted).all());
    }

    private <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the consumer lag failed: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the consumer lag", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
