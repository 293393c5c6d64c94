package com.bulkimport.relay.admin;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the authorization seam in front of every admin endpoint. */
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

    /**
     * No authentication yet (the security issue brings it): anyone who can reach the relay's port is
     * an operator, so keep that port private. The name is what the audit columns record.
     */
    @Bean
    @ConditionalOnMissingBean
    static AdminAccess openAdminAccess() {
        return (request, action) -> "unauthenticated@" + request.getRemoteAddr();
    }
}
