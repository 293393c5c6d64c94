package com.bulkimport.support.security;

import com.bulkimport.support.problem.Problems;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import java.util.List;

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
        http.securityMatcher(new ManagementPort(environment))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        if (issuer.configured()) {
            http.oauth2ResourceServer(resource -> resource
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(token -> new JwtAuthenticationToken(token,
                            tokens.isAdmin(token) ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN")) : List.of(),
                            token.getSubject())))
                    // a token that is sent must be valid, even where none is needed
                    .authenticationEntryPoint((request, response, e) -> {
                        new BearerTokenAuthenticationEntryPoint().commence(request, response, e);
                        Problems.write(response, HttpStatus.UNAUTHORIZED, "invalid-token", "Not signed in",
                                "the access token was refused");
                    }));
        } else {
            http.addFilterBefore(new LoopbackAdmin(), AnonymousAuthenticationFilter.class);
        }
        return http.build();
    }
}
