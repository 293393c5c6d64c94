package com.bulkimport.api.observability;

import com.bulkimport.model.observability.JobTraces;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A new job's trace id is its create request's: the import's trace starts with that request's span. */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean
    JobTraces jobTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Sampler> sampler) {
        return JobTraces.of(tracer.getIfAvailable(() -> Tracer.NOOP), sampler.getIfAvailable());
    }
}
