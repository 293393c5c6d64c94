package com.bulkimport.relay.admin;

import com.bulkimport.support.security.AdminEndpointSecurity;
import com.bulkimport.support.security.Loopback;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The admin endpoints' security ({@link AdminEndpointSecurity}: an admin's bearer token, or loopback callers
 * where no issuer is configured), and the authorization seam ({@link AdminAccess}) in front of every admin
 * endpoint, which names the acting admin in the audit columns.
 */
@Configuration(proxyBeanMethods = false)
@Import(AdminEndpointSecurity.class)
class AdminAccessConfiguration implements WebMvcConfigurer {

    private final AdminAccessInterceptor interceptor;

    AdminAccessConfiguration(AdminAccessInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor).addPathPatterns(OutboxAdminController.BASE, OutboxAdminController.BASE + "/**");
    }

    /** The acting admin for the audit columns: the token's subject, or the loopback address without tokens. */
    @Bean
    AdminAccess tokenAdminAccess() {
        return (request, action) -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication instanceof JwtAuthenticationToken token) {
                return token.getName();
            }
            if (Loopback.isLoopback(request)) {
                return "loopback@" + request.getRemoteAddr();
            }
            throw new AdminProblem.Forbidden("the admin endpoints need the admin role");
        };
    }
}
