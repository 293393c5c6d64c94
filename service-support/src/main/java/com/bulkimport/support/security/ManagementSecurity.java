package com.bulkimport.support.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;


/**
 * The management port of every service (Actuator: health, info, metrics, prometheus), before any other chain.
 * The port is never routed publicly (the API's load balancer forwards only the service port; nothing but the
 * task itself reaches the relay's and the worker's), so every endpoint answers there: the health checks, the
 * metrics scrapers (Prometheus, the ECS sidecar) need no credential. What the health checks found (components
 * and details) is for admins only ({@code show-components: when-authorized}): a bearer token with the admin
 * role, or, where no issuer is configured, a loopback caller. Anyone else reads the status alone.
 */
@AutoConfiguration(after = TokenDecoding.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
public class ManagementSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain managementSecurity(HttpSecurity http, Environment environment, JwtDecoder decoder,
                                           TokenIssuer issuer, TokenProperties tokens) throws Exception {
        BearerChains.stateless(http.securityMatcher(new ManagementPort(environment)))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        if (issuer.configured()) {
            BearerChains.acceptTokens(http, decoder, tokens);
        } else {
            http.addFilterBefore(new LoopbackAdmin(), AnonymousAuthenticationFilter.class);
        }
        return http.build();
    }
}
