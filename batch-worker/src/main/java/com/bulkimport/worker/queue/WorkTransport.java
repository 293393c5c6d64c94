package com.bulkimport.worker.queue;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;

/**
 * Where work messages come from: {@code bulkimport.worker.transport} is {@code sqs} (the default) or
 * {@code kafka}, matching what the relay publishes to. Beans of the other transport are never created,
 * so a Kafka worker needs no SQS endpoint and an SQS worker no broker.
 */
public final class WorkTransport {

    public static final String PROPERTY = "bulkimport.worker.transport";
    public static final String SQS = "sqs";
    public static final String KAFKA = "kafka";

    private WorkTransport() {
    }

    /** @return the transport in lower case; a typo must stop the worker, not leave it consuming nothing */
    static String checked(String transport) {
        String value = transport == null || transport.isBlank() ? SQS : transport.trim().toLowerCase(Locale.ROOT);
        if (!value.equals(SQS) && !value.equals(KAFKA)) {
            throw new IllegalArgumentException(PROPERTY + " must be sqs or kafka, got '" + transport + "'");
        }
        return value;
    }

    /** Only when the worker reads SQS (also when nothing is configured). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ConditionalOnProperty(name = PROPERTY, havingValue = SQS, matchIfMissing = true)
    public @interface Sqs {
    }

    /** Only when the worker reads Kafka. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ConditionalOnProperty(name = PROPERTY, havingValue = KAFKA)
    public @interface Kafka {
    }
}
