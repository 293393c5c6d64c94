package com.bulkimport.relay.admin;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the authorization seam ({@link AdminAccess}, provided by {@code AdminSecurityConfiguration}) in
 * front of every admin endpoint.
 */
@Configuration(proxyBeanMethods = false)
class AdminAccessConfiguration implements WebMvcConfigurer {

    private final AdminAccessInterceptor interceptor;

    AdminAccessConfiguration(AdminAccessInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor).addPathPatterns(OutboxAdminController.BASE, OutboxAdminController.BASE + "/**");
    }
}
