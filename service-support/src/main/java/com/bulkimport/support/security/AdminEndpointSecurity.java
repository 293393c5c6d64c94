package com.bulkimport.support.security;

import com.bulkimport.support.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;


/**
 * Who may use {@code /admin/**} of the relay and the worker (imported by their applications; import-api has
 * its own security configuration). With a token issuer configured (the local stack always has one; in
 * production set {@code SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI} as for the API): a bearer token
 * import-api would take ({@link TokenDecoding}) whose roles claim holds the admin role; 401 without a valid
 * token, 403 without the role. Without an issuer: loopback callers only (an operator on the host or in the
 * container), never the network. Actuator is not on this port but on the management port ({@link ManagementSecurity}).
 */
@Configuration(proxyBeanMethods = false)
public class AdminEndpointSecurity {

    private static final Logger log = LoggerFactory.getLogger(AdminEndpointSecurity.class);
    private static final String ADMIN_PATHS = "/admin/**";

    @Bean
    SecurityFilterChain adminSecurity(HttpSecurity http, JwtDecoder decoder, TokenIssuer issuer,
                                      TokenProperties tokens) throws Exception {
        BearerChains.stateless(http)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            new BearerTokenAuthenticationEntryPoint().commence(request, response, e);
                            Problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "Not signed in",
                                    "the admin endpoints need a bearer token with the admin role");
                        })
                        .accessDeniedHandler((request, response, e) -> Problems.write(response, HttpStatus.FORBIDDEN,
                                "forbidden", "Forbidden", "the admin endpoints need the admin role")));
        if (issuer.configured()) {
            http.authorizeHttpRequests(requests -> requests
                    .requestMatchers(ADMIN_PATHS).hasRole("ADMIN")
                    .anyRequest().permitAll());
            // issuer, expiry and audience: a token the issuer minted for another application is refused
            BearerChains.acceptTokens(http, decoder, tokens);
        } else {
            log.warn("no token issuer configured: the admin endpoints answer loopback callers only");
            http.authorizeHttpRequests(requests -> requests
                    .requestMatchers(ADMIN_PATHS).access((authentication, context) ->
                            new AuthorizationDecision(Loopback.isLoopback(context.getRequest())))
                    .anyRequest().permitAll());
        }
        return http.build();
    }
}
