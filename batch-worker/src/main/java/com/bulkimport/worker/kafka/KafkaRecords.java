package com.bulkimport.worker.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.KafkaHeaders;

import java.nio.ByteBuffer;

/** Reading the headers spring-kafka puts on work and dead-letter records. */
final class KafkaRecords {

    private KafkaRecords() {
    }

    /** @return which delivery of the record this is (the container's header), or null without the header */
    static Integer deliveryAttempt(ConsumerRecord<?, ?> record) {
        return intHeader(record.headers(), KafkaHeaders.DELIVERY_ATTEMPT);
    }

    /**
     * Where a dead letter came from: topic, partition and offset of the work record. Publishing to the
     * dead-letter topic again after a crash gives the same id, so the letter is recorded once.
     */
    static String originOf(ConsumerRecord<?, ?> deadLetter) {
        Header topic = deadLetter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC);
        Integer partition = intHeader(deadLetter.headers(), KafkaHeaders.DLT_ORIGINAL_PARTITION);
        Header offset = deadLetter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET);
        if (topic == null || partition == null || offset == null || offset.value().length != Long.BYTES) {
            return "kafka:" + deadLetter.topic() + "-" + deadLetter.partition() + "@" + deadLetter.offset();
        }
        return "kafka:" + new String(topic.value(), java.nio.charset.StandardCharsets.UTF_8) + "-" + partition + "@"
                + ByteBuffer.wrap(offset.value()).getLong();
    }

    private static Integer intHeader(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value().length != Integer.BYTES ? null
                : ByteBuffer.wrap(header.value()).getInt();
    }
}
