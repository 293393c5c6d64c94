package com.bulkimport.worker.tracing;

import com.bulkimport.model.observability.JobTraces;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spans in the job's trace from an envelope's trace id, sampled as the API sampled the job's first request. */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean
    JobTraces jobTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Sampler> sampler) {
        return JobTraces.of(tracer.getIfAvailable(() -> Tracer.NOOP), sampler.getIfAvailable());
    }
}
