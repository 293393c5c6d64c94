package com.bulkimport.worker.deadletter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;

/**
 * Who may use {@code /admin/**} (the dead-letter endpoints). With a token issuer configured (the local stack always has one;
 * in production set {@code SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI} as for the API): a
 * bearer token meant for the API ({@code bulkimport.security.audiences}, as import-api checks it: see
 * {@link AdminTokenDecoding}) whose roles claim holds the admin role; 401 without a valid token,
 * 403 without the role.
 * Without an issuer: loopback callers only (an operator on the host or in the container), never the
 * network. Health and metrics stay open for the load balancer and Prometheus.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AdminSecurityConfiguration.class);
    private static final String ADMIN_PATHS = "/admin/**";

    @Bean
    SecurityFilterChain adminSecurity(HttpSecurity http, Environment environment, JwtDecoder adminTokenDecoder,
                                      AdminTokenDecoding.AdminTokenProperties tokens) throws Exception {
        String rolesClaim = tokens.rolesClaim();
        String adminRole = tokens.adminRole();
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            new BearerTokenAuthenticationEntryPoint().commence(request, response, e);
                            problem(response, 401, "unauthorized", "Not signed in",
                                    "the admin endpoints need a bearer token with the admin role");
                        })
                        .accessDeniedHandler((request, response, e) -> problem(response, 403, "forbidden", "Forbidden",
                                "the admin endpoints need the admin role")));
        if (issuerConfigured(environment)) {
            http.authorizeHttpRequests(requests -> requests
                            .requestMatchers(ADMIN_PATHS).hasRole("ADMIN")
                            .anyRequest().permitAll())
                    .oauth2ResourceServer(resource -> resource
                            // issuer, expiry and audience: a token the issuer minted for another application is refused
                            .jwt(jwt -> jwt.decoder(adminTokenDecoder)
                                    .jwtAuthenticationConverter(token -> new JwtAuthenticationToken(token,
                                            roles(token, rolesClaim).contains(adminRole)
                                                    ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN")) : List.of(),
                                            token.getSubject())))
                            .authenticationEntryPoint((request, response, e) -> {
                                new BearerTokenAuthenticationEntryPoint().commence(request, response, e);
                                problem(response, 401, "invalid-token", "Not signed in", "the access token was refused");
                            }));
        } else {
            log.warn("no token issuer configured: the admin endpoints answer loopback callers only");
            http.authorizeHttpRequests(requests -> requests
                    .requestMatchers(ADMIN_PATHS).access((authentication, context) ->
                            new AuthorizationDecision(loopback(context.getRequest())))
                    .anyRequest().permitAll());
        }
        return http.build();
    }

    static boolean issuerConfigured(Environment environment) {
        return !environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "").isBlank()
                || !environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "").isBlank();
    }

    private static List<String> roles(Jwt token, String claim) {
        Object value = token.getClaims().get(claim);
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return value instanceof String text ? List.of(text.split("[\\s,]+")) : List.of();
    }

    private static boolean loopback(HttpServletRequest request) {
        try {
            return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static void problem(HttpServletResponse response, int status, String slug, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"https://bulk-import.dev/problems/" + slug + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }
}
