package com.bulkimport.support.tracing;

import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link JobTraces} on Boot's tracer and sampler: the API mints a new job's trace id from its create
 * request's span, the relay and the worker open their spans in that trace, all sampled alike. Without
 * tracing on the classpath or configured, spans are no-ops and nothing is sampled, but trace ids still
 * travel with the events.
 */
@AutoConfiguration
public class TracingConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JobTraces jobTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Sampler> sampler) {
        return JobTraces.of(tracer.getIfAvailable(() -> Tracer.NOOP), sampler.getIfAvailable());
    }
}
