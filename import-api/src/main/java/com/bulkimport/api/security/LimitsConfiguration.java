package com.bulkimport.api.security;

import com.bulkimport.api.importjob.ImportLimits;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the body size cap after the security filters, so anonymous requests are refused unread. */
@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(ImportLimits limits) {
        FilterRegistrationBean<BodySizeLimit> registration = new FilterRegistrationBean<>(new BodySizeLimit(limits));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(0);
        return registration;
    }
}
