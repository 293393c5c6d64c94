package com.bulkimport.api.security;

import com.bulkimport.api.importjob.ImportLimits;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadConstraints;

/**
 * Registers the body size cap after the security filters, so anonymous requests are refused unread, and caps
 * Jackson's documents at the same size, so no path the filter does not see can carry a larger body.
 */
@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(ImportLimits limits) {
        FilterRegistrationBean<BodySizeLimit> registration = new FilterRegistrationBean<>(new BodySizeLimit(limits));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(0);
        return registration;
    }

    /** Jackson stops reading a JSON document past the body limit, whichever filter or path let it through. */
    @Bean
    JsonFactoryBuilderCustomizer jsonDocumentLimit(ImportLimits limits) {
        return factory -> factory.streamReadConstraints(StreamReadConstraints.defaults().rebuild()
                .maxDocumentLength(limits.maxJsonBody().toBytes()).build());
    }

    @Bean
    JsonDocumentTooLong jsonDocumentTooLong(ImportLimits limits) {
        return new JsonDocumentTooLong(limits);
    }
}
